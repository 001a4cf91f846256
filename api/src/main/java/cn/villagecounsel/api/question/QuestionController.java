package cn.villagecounsel.api.question;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.IdempotencyKeys;
import cn.villagecounsel.api.question.QuestionForms.AskForm;
import cn.villagecounsel.api.question.QuestionForms.FollowUpForm;
import cn.villagecounsel.api.question.QuestionForms.NoteForm;
import cn.villagecounsel.api.question.QuestionForms.RatingForm;
import cn.villagecounsel.api.question.QuestionViews.AttachmentView;
import cn.villagecounsel.api.question.QuestionViews.Page;
import cn.villagecounsel.api.question.QuestionViews.QuestionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "法律问答", description = """
        群众提问（法律明白人可为邻居代问）、查看答复、追问、评价、关闭与重新打开。\
        问题只有提问人、本村（或已扩大到的乡镇、县级统筹）的法律顾问和所属区划的管理员能看到；其他人一律 404。""")
class QuestionController {

    private final QuestionService questions;
    private final QuestionAttachments attachments;
    private final AnswerQueue queue;

    QuestionController(QuestionService questions, QuestionAttachments attachments, AnswerQueue queue) {
        this.questions = questions;
        this.attachments = attachments;
        this.queue = queue;
    }

    @PostMapping(path = "/api/v1/questions/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "上传附件", description = """
            一次一个文件（表单字段 file）：图片 JPEG/PNG 或 PDF 不超过 5 MB，语音 MP3/AAC/M4A/WAV 不超过 2 MB，\
            按文件内容识别类型。返回的编号在提问、追问或答复时引用；24 小时内未使用的上传会被删除。""")
    Mono<ResponseEntity<AttachmentView>> upload(CurrentUser user, @RequestPart("file") FilePart file) {
        return attachments.upload(user, file)
                .map(stored -> ResponseEntity.status(HttpStatus.CREATED).body(AttachmentView.of(stored)));
    }

    @PostMapping("/api/v1/questions")
    @Operation(summary = "提问", description = """
            请求头 Idempotency-Key 必填；同一 Key 重复提交返回同一问题（200），新问题返回 201。\
            文字经微信内容安全检查：不适宜的内容 422 CONTENT_NOT_ALLOWED；需人工审核的问题先由管理员审核（HELD_FOR_REVIEW）。\
            法律明白人为邻居代问时填 forNeighbour（姓名、电话可选、同意方式）。\
            同意来电（callbackAllowed）时法律顾问才能看到完整电话。""")
    Mono<ResponseEntity<QuestionView>> ask(CurrentUser user,
            @Parameter(description = "本次请求的唯一编号，重试时保持不变", example = "q-7a1c3e0-5f2d")
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
            @Validated @RequestBody AskForm form) {
        return questions.ask(user, key, form).map(asked -> ResponseEntity
                .status(asked.created() ? HttpStatus.CREATED : HttpStatus.OK).body(asked.question()));
    }

    @GetMapping("/api/v1/questions/mine")
    @Operation(summary = "我的提问", description = "本人的提问和本人为邻居代问的问题，新的在前；用 nextCursor 翻页。")
    Mono<Page> mine(CurrentUser user, @RequestParam(required = false) String cursor,
            @Parameter(description = "每页条数，1 到 50", example = "20") @RequestParam(defaultValue = "20") int limit) {
        return questions.mine(user, cursor, limit);
    }

    @GetMapping("/api/v1/questions/{id}")
    @Operation(summary = "问题详情", description = "问题、全部对话和处理记录，以及当前用户可做的操作（actions）。")
    Mono<QuestionView> get(CurrentUser user, @PathVariable String id) {
        return questions.get(user, id);
    }

    @GetMapping("/api/v1/questions/{id}/attachments/{attachmentId}")
    @Operation(summary = "下载附件", description = "能看到问题的人才能下载它的附件。")
    Mono<ResponseEntity<Flux<DataBuffer>>> attachment(CurrentUser user, @PathVariable String id,
            @PathVariable String attachmentId) {
        return questions.attachment(user, id, attachmentId)
                .flatMap(attachments::load)
                .map(content -> content.asResponse("private, max-age=3600"));
    }

    @PostMapping("/api/v1/questions/{id}/messages")
    @Operation(summary = "追问或补充", description = "提问人在问题未解决时追问；已答复的问题会交回原答复顾问。")
    Mono<QuestionView> followUp(CurrentUser user, @PathVariable String id, @Validated @RequestBody FollowUpForm form) {
        return questions.followUp(user, id, form);
    }

    @PostMapping("/api/v1/questions/{id}/rating")
    @Operation(summary = "评价答复", description = "提问人对答复评分（1–5 星），可选标签和评语；每个问题评价一次。")
    Mono<QuestionView> rate(CurrentUser user, @PathVariable String id, @Validated @RequestBody RatingForm form) {
        return questions.rate(user, id, form);
    }

    @PostMapping("/api/v1/questions/{id}/close")
    @Operation(summary = "关闭（已解决）", description = "提问人、处理中的法律顾问或所属区划的管理员标记问题已解决。")
    Mono<QuestionView> close(CurrentUser user, @PathVariable String id,
            @Validated @RequestBody(required = false) NoteForm form) {
        return queue.close(user, id, form == null ? null : form.note());
    }

    @PostMapping("/api/v1/questions/{id}/reopen")
    @Operation(summary = "重新打开", description = "提问人在问题解决后 7 天内（可配置）重新打开，问题回到本村问题队列。")
    Mono<QuestionView> reopen(CurrentUser user, @PathVariable String id) {
        return questions.reopen(user, id);
    }
}
