package cn.villagecounsel.api.homevisit;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.Problem;
import cn.villagecounsel.api.homevisit.HomeVisitForms.CancelForm;
import cn.villagecounsel.api.homevisit.HomeVisitForms.CompleteForm;
import cn.villagecounsel.api.homevisit.HomeVisitForms.DeclineForm;
import cn.villagecounsel.api.homevisit.HomeVisitForms.NewHomeVisit;
import cn.villagecounsel.api.homevisit.HomeVisitForms.ScheduleForm;
import cn.villagecounsel.api.homevisit.HomeVisitViews.HomeVisitPage;
import cn.villagecounsel.api.homevisit.HomeVisitViews.HomeVisitView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "上门服务", description = """
        高龄老人、残疾人、重病患者可申请本村法律顾问上门服务（绿色通道）；法律明白人可征得同意后代邻居申请。\
        法律顾问或司法行政工作人员安排上门时间、说明不能上门的原因，或在上门后登记完成。""")
class HomeVisitController {

    private static final String STATE_CONFLICT = """
            申请已不在可执行此操作的状态，或刚被他人处理（两人同时操作时只有一人成功）时返回 409 HOME_VISIT_STATE。""";

    private final HomeVisitService service;

    HomeVisitController(HomeVisitService service) {
        this.service = service;
    }

    @PostMapping("/api/v1/home-visits")
    @Operation(summary = "申请上门服务", description = """
            村民或法律明白人提交。须带请求头 Idempotency-Key：同一人用同一编号重复提交时返回原申请（200），\
            编号已用于内容不同的申请时返回 422 IDEMPOTENCY_KEY_REUSED。代邻居申请（forNeighbour）仅限本村法律明白人，\
            并须填写 consent。提交后通知服务该村的法律顾问。""")
    @ApiResponse(responseCode = "201", description = "已提交")
    @ApiResponse(responseCode = "200", description = "重复提交，返回原申请")
    @ApiResponse(responseCode = "422", description = "Idempotency-Key 已用于另一份申请（IDEMPOTENCY_KEY_REUSED）",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = Problem.class)))
    Mono<ResponseEntity<HomeVisitView>> create(CurrentUser user,
            @Parameter(description = "每份新申请一个新编号，1–64 位字母、数字、_ 或 -", example = "hv-20261201-0001",
                    required = true)
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @Validated @RequestBody NewHomeVisit form) {
        return service.create(user, idempotencyKey, form)
                .map(created -> created.replayed() ? ResponseEntity.ok(created.visit())
                        : ResponseEntity.created(URI.create("/api/v1/home-visits/" + created.visit().id()))
                                .body(created.visit()));
    }

    @GetMapping("/api/v1/home-visits/mine")
    @Operation(summary = "我的上门服务申请", description = "本人提交的申请（含代邻居提交的），最新的在前，最多 50 条；联系电话已脱敏。")
    Flux<HomeVisitView> mine(CurrentUser user) {
        return service.mine(user);
    }

    @GetMapping("/api/v1/home-visits/{id}")
    @Operation(summary = "查看上门服务申请", description = """
            申请人本人、服务该村的法律顾问、辖区管理员可查看。法律顾问和管理员在此看到完整的联系电话，每次查看记入审计日志。\
            其他村民得到 404；不服务该村或不管辖该区划的工作人员得到 403。""")
    Mono<HomeVisitView> get(CurrentUser user, @PathVariable String id) {
        return service.get(user, id);
    }

    @PostMapping("/api/v1/home-visits/{id}/cancel")
    @Operation(summary = "撤销上门服务申请", description = """
            仅申请人本人，在待安排或已安排时可撤销；已安排的，通知原定上门的法律顾问，并收回上门前一天的提醒。""" + STATE_CONFLICT)
    Mono<HomeVisitView> cancel(CurrentUser user, @PathVariable String id,
            @Validated @RequestBody(required = false) CancelForm form) {
        return service.cancel(user, id, form == null ? null : form.reason());
    }

    @GetMapping("/api/v1/home-visits")
    @Operation(summary = "上门服务申请列表（工作人员）", description = """
            法律顾问看到本人服务的村（社区）的申请，管理员看到辖区内的申请。排序：待安排的在前（其中重病患者优先），\
            再按提交先后；cursor 为上一页的 nextCursor。""")
    Mono<HomeVisitPage> list(CurrentUser user,
            @Parameter(description = "只看该状态") @RequestParam(required = false) HomeVisitStatus status,
            @Parameter(description = "只看该村（社区）", example = "621025100201")
            @RequestParam(required = false) String village,
            @Parameter(description = "只看该区划（乡镇、县）内的村；管理员默认为本人的管辖区划", example = "621025100000")
            @RequestParam(required = false) String region,
            @Parameter(description = "翻页游标") @RequestParam(required = false) String cursor,
            @Parameter(description = "每页条数，1–100", example = "50") @RequestParam(defaultValue = "50") int limit) {
        return service.list(user, status, village, region, cursor, limit);
    }

    @PostMapping("/api/v1/home-visits/{id}/schedule")
    @Operation(summary = "安排上门时间", description = """
            法律顾问（advisorId 可不填，默认为本人）或管理员（须指定服务该村的法律顾问）安排；开始时间须晚于现在，\
            结束时间晚于开始时间，一次不超过 4 小时。已安排的可以重新安排，申请人会再次收到通知，并在上门前一天 10:00 \
            （北京时间）收到提醒。""" + STATE_CONFLICT)
    Mono<HomeVisitView> schedule(CurrentUser user, @PathVariable String id, @Validated @RequestBody ScheduleForm form) {
        return service.schedule(user, id, form);
    }

    @PostMapping("/api/v1/home-visits/{id}/decline")
    @Operation(summary = "答复不能上门", description = "须填写原因，申请人会收到。只能答复待安排的申请；已安排的可重新安排时间，或由申请人撤销。" + STATE_CONFLICT)
    Mono<HomeVisitView> decline(CurrentUser user, @PathVariable String id, @Validated @RequestBody DeclineForm form) {
        return service.decline(user, id, form.reason());
    }

    @PostMapping("/api/v1/home-visits/{id}/complete")
    @Operation(summary = "登记上门服务完成", description = """
            已安排的申请在约定开始时间之后可登记完成；时间未到返回 409 HOME_VISIT_NOT_STARTED。""" + STATE_CONFLICT)
    Mono<HomeVisitView> complete(CurrentUser user, @PathVariable String id,
            @Validated @RequestBody(required = false) CompleteForm form) {
        return service.complete(user, id, form == null ? null : form.note());
    }
}
