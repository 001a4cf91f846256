package cn.villagecounsel.api.question;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.LegalTopic;
import cn.villagecounsel.api.common.Problem;
import cn.villagecounsel.api.question.CannedAnswerForms.CannedAnswerEdit;
import cn.villagecounsel.api.question.CannedAnswerForms.NewCannedAnswer;
import cn.villagecounsel.api.question.CannedAnswerViews.CannedAnswerView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "常用回复", description = """
        法律顾问解答问题时套用的常用回复。个人常用回复由法律顾问本人编写，只有本人可见；共享常用回复由司法所、司法局管理员\
        为本乡镇（街道）或本县（区）编写，服务其中村（社区）的法律顾问都可套用。回复内容可使用变量 {村名} {提问人} \
        {顾问姓名} {顾问电话} {事项}（全角括号｛｝亦可），套用到某个问题时自动填入；没有对应信息的变量填为“（待填写）”，\
        其他括号内的文字原样保留。村民和法律明白人不能使用（403）。""")
class CannedAnswerController {

    private static final String NOT_VISIBLE = "他人的个人常用回复、不在本人服务或管辖范围内的共享常用回复，一律返回 404。";

    private final CannedAnswerService service;

    CannedAnswerController(CannedAnswerService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/canned-answers")
    @Operation(summary = "常用回复列表", description = """
            法律顾问看到本人的个人常用回复，以及本人今天服务的村（社区）所在乡镇（街道）、县（区）的共享常用回复；\
            管理员看到管辖范围内的共享常用回复。个人的在前，其后按区划，各自最近修改的在前；editable 表示能否修改。""")
    Flux<CannedAnswerView> list(CurrentUser user,
            @Parameter(description = "只看该咨询事项", schema = @Schema(implementation = LegalTopic.class))
            @RequestParam(required = false) String topic) {
        return service.list(user, topic);
    }

    @PostMapping("/api/v1/canned-answers")
    @Operation(summary = "新建常用回复", description = """
            法律顾问只能新建个人常用回复（scope = PERSONAL，不填 regionCode）；管理员只能新建共享常用回复\
            （scope = SHARED，regionCode 为管辖范围内的乡镇（街道）或县（区）代码）。标题不超过 40 个字，内容不超过 \
            2000 个字。每位法律顾问的个人常用回复、每个区划的共享常用回复各最多 200 条。""")
    @ApiResponse(responseCode = "201", description = "已新建")
    @ApiResponse(responseCode = "409", description = "已达 200 条上限（CANNED_ANSWER_LIMIT_REACHED）",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = Problem.class)))
    Mono<ResponseEntity<CannedAnswerView>> create(CurrentUser user, @Validated @RequestBody NewCannedAnswer form) {
        return service.create(user, form)
                .map(created -> ResponseEntity.created(URI.create("/api/v1/canned-answers/" + created.id()))
                        .body(created));
    }

    @PutMapping("/api/v1/canned-answers/{id}")
    @Operation(summary = "修改常用回复", description = """
            个人常用回复由本人修改，共享常用回复由管辖该区划的管理员修改（服务该区划的法律顾问只能套用，403）。\
            须带回读取时的 revision：其间已被修改时返回 409 CANNED_ANSWER_CHANGED，请刷新后再改。""" + NOT_VISIBLE)
    @ApiResponse(responseCode = "409", description = "读取后已被修改（CANNED_ANSWER_CHANGED）",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = Problem.class)))
    Mono<CannedAnswerView> update(CurrentUser user, @PathVariable String id,
            @Validated @RequestBody CannedAnswerEdit form) {
        return service.update(user, id, form);
    }

    @DeleteMapping("/api/v1/canned-answers/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "删除常用回复", description = "权限同修改。" + NOT_VISIBLE)
    Mono<Void> delete(CurrentUser user, @PathVariable String id) {
        return service.delete(user, id);
    }
}
