package cn.villagecounsel.api.question;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.LegalTopic;
import cn.villagecounsel.api.question.Question.Status;
import cn.villagecounsel.api.question.QuestionForms.ReviewForm;
import cn.villagecounsel.api.question.QuestionReports.SlaReport;
import cn.villagecounsel.api.question.QuestionViews.Page;
import cn.villagecounsel.api.question.QuestionViews.QuestionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "问答管理", description = "管理员查看本区划的问题、审核被标记的问题、查看问答时效统计。")
class QuestionAdminController {

    private final QuestionReports reports;
    private final AnswerQueue queue;

    QuestionAdminController(QuestionReports reports, AnswerQueue queue) {
        this.reports = reports;
        this.queue = queue;
    }

    @GetMapping("/api/v1/admin/questions")
    @Operation(summary = "本区划的问题", description = "按状态、事项、提问日期（北京时间）筛选，新的在前；用 nextCursor 翻页。")
    Mono<Page> list(CurrentUser user,
            @Parameter(description = "区划代码，默认本人管辖范围", example = "621025100000") @RequestParam(required = false) String region,
            @RequestParam(required = false) Status status, @RequestParam(required = false) LegalTopic topic,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
            @RequestParam(required = false) String cursor,
            @Parameter(description = "每页条数，1 到 50", example = "20") @RequestParam(defaultValue = "20") int limit) {
        return reports.list(user, region, status, topic, from, to, cursor, limit);
    }

    @PostMapping("/api/v1/admin/questions/{id}/review")
    @Operation(summary = "审核", description = "对微信内容安全建议人工审核的问题：APPROVE 通过（进入问题队列），REJECT 驳回（须填原因，告知提问人）。")
    Mono<QuestionView> review(CurrentUser user, @PathVariable String id, @Validated @RequestBody ReviewForm form) {
        return queue.review(user, id, form);
    }

    @GetMapping("/api/v1/admin/questions/sla")
    @Operation(summary = "问答时效统计", description = """
            区间内（北京时间日期，默认最近 30 天）提出的问题：首次认领、首次答复、办结用时的中位数和 90 分位（分钟），\
            超时次数和平均评分，按顾问（最后答复人）和按村统计。""")
    Mono<SlaReport> sla(CurrentUser user,
            @Parameter(description = "区划代码，默认本人管辖范围", example = "621025000000") @RequestParam(required = false) String region,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
        return reports.sla(user, region, from, to);
    }
}
