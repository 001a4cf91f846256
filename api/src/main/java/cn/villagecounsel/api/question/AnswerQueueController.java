package cn.villagecounsel.api.question;

import java.util.List;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.question.QuestionForms.AnswerForm;
import cn.villagecounsel.api.question.QuestionForms.NoteForm;
import cn.villagecounsel.api.question.QuestionForms.ReferralForm;
import cn.villagecounsel.api.question.QuestionForms.TransferForm;
import cn.villagecounsel.api.question.QuestionViews.Page;
import cn.villagecounsel.api.question.QuestionViews.QuestionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "问题队列", description = """
        法律顾问从共享队列认领并答复问题。认领是一次条件原子更新：同一问题只有一位顾问能认领成功，\
        其他人得到 409 ALREADY_CLAIMED。认领有租期（默认 15 分钟），处理中请续期；到期未续的问题退回队列。\
        本村顾问无人认领时，问题在设定时间后扩大到乡镇统筹，再到县级统筹。""")
class AnswerQueueController {

    private final AnswerQueue queue;

    AnswerQueueController(AnswerQueue queue) {
        this.queue = queue;
    }

    @GetMapping("/api/v1/queue")
    @Operation(summary = "可认领的问题", description = "当前顾问现在可以认领的问题：加急优先，其次绿色通道，再按等待时间；用 nextCursor 翻页。")
    Mono<Page> queue(CurrentUser user, @RequestParam(required = false) String cursor,
            @Parameter(description = "每页条数，1 到 50", example = "20") @RequestParam(defaultValue = "20") int limit) {
        return queue.queue(user, cursor, limit);
    }

    @GetMapping("/api/v1/queue/mine")
    @Operation(summary = "我认领的问题", description = "当前顾问正在处理的问题，认领最先到期的在前。")
    Mono<Page> mine(CurrentUser user) {
        return queue.mine(user);
    }

    @PostMapping("/api/v1/questions/{id}/claim")
    @Operation(summary = "认领", description = """
            409 ALREADY_CLAIMED 已被其他顾问认领；409 CLAIM_LIMIT_REACHED 同时认领数已达上限（默认 5 个）；\
            不在本人服务范围的问题 404。本人再次认领等于续期。""")
    Mono<QuestionView> claim(CurrentUser user, @PathVariable String id) {
        return queue.claim(user, id);
    }

    @PostMapping("/api/v1/questions/{id}/lease")
    @Operation(summary = "续期认领", description = "认领人处理中续期；409 NOT_CLAIMED_BY_YOU 表示认领已到期或已转交。")
    Mono<QuestionView> renew(CurrentUser user, @PathVariable String id) {
        return queue.renew(user, id);
    }

    @PostMapping("/api/v1/questions/{id}/answer")
    @Operation(summary = "答复", description = "认领人答复，可附文件和一篇相关普法文章；答复会通知提问人（和代问的法律明白人），发出后不能修改。")
    Mono<QuestionView> answer(CurrentUser user, @PathVariable String id, @Validated @RequestBody AnswerForm form) {
        return queue.answer(user, id, form);
    }

    @PostMapping("/api/v1/questions/{id}/release")
    @Operation(summary = "释放", description = "认领人放回队列，可附说明。")
    Mono<QuestionView> release(CurrentUser user, @PathVariable String id,
            @Validated @RequestBody(required = false) NoteForm form) {
        return queue.release(user, id, form == null ? null : form.note());
    }

    @PostMapping("/api/v1/questions/{id}/transfer")
    @Operation(summary = "转交", description = "认领人转给本县一位指定的法律顾问并说明原因；对方 4 小时内（可配置）未处理则退回队列。")
    Mono<QuestionView> transfer(CurrentUser user, @PathVariable String id, @Validated @RequestBody TransferForm form) {
        return queue.transfer(user, id, form);
    }

    @PostMapping("/api/v1/questions/{id}/canned-answers/{cannedId}/render")
    @Operation(summary = "套用常用回复", description = """
            把常用回复中的变量 {村名} {提问人} {顾问姓名} {顾问电话} {事项} 按这个问题填好，返回文字供顾问修改后答复；            没有值的变量显示为“（待填写）”。""")
    Mono<AnswerQueue.Rendered> render(CurrentUser user, @PathVariable String id, @PathVariable String cannedId) {
        return queue.render(user, id, cannedId);
    }

    @GetMapping("/api/v1/questions/{id}/transfer-candidates")
    @Operation(summary = "可转交的法律顾问", description = "认领人可转交给本县在岗的法律顾问，本村顾问在前。")
    Mono<List<AnswerQueue.TransferCandidate>> transferCandidates(CurrentUser user, @PathVariable String id) {
        return queue.transferCandidates(user, id);
    }

    @PostMapping("/api/v1/questions/{id}/referral")
    @Operation(summary = "转为预约或法律援助引导", description = "认领人答复并建议预约面谈（BOOKING）或申请法律援助（LEGAL_AID）。")
    Mono<QuestionView> refer(CurrentUser user, @PathVariable String id, @Validated @RequestBody ReferralForm form) {
        return queue.refer(user, id, form);
    }
}
