package cn.villagecounsel.api.duty;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.HttpStatus;
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
import cn.villagecounsel.api.duty.DutyForms.CancelForm;
import cn.villagecounsel.api.duty.DutyForms.RuleForm;
import cn.villagecounsel.api.duty.DutyViews.DutyRuleChange;
import cn.villagecounsel.api.duty.DutyViews.DutyRuleView;
import cn.villagecounsel.api.duty.DutyViews.DutySessionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "值班安排", description = """
        驻村值班与坐班的规则和场次。管理员管理本辖区内的安排；法律顾问管理本人在所服务村（社区）的安排。\
        修改或删除规则时，已有群众预约的场次不会被删除或改动，而是保留（DETACHED）并在响应中列出，由管理员决定。""")
class DutyRuleController {

    private static final String TIME_RULES = """
            结束时间须晚于开始时间；有效期不超过 2 年；法定节假日（配置 vc.duty.holidays）和例外日期不安排。\
            与该顾问其他值班时间重叠时返回 409 SESSION_OVERLAP（说明中注明日期和时间），不保存任何内容。""";

    private final DutyRuleService service;

    DutyRuleController(DutyRuleService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/admin/duty-rules")
    @Operation(summary = "列出辖区内的值班规则", description = "village 可为村、乡镇或县的代码（默认为本人的管辖区划），列出地点在其中的规则。")
    Flux<DutyRuleView> list(CurrentUser admin,
            @Parameter(description = "村（社区）、乡镇或县的代码", example = "621025100201")
            @RequestParam(required = false) String village,
            @Parameter(description = "只看这位法律顾问") @RequestParam(required = false) String advisorId) {
        return service.admin(admin).flatMapMany(actor -> service.list(actor, village, advisorId));
    }

    @PostMapping("/api/v1/admin/duty-rules")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "新建值班规则", description = "保存规则并生成排班期限（默认 10 周）内的值班场次。" + TIME_RULES)
    Mono<DutyRuleChange> create(CurrentUser admin, @Validated @RequestBody RuleForm form) {
        return service.admin(admin).flatMap(actor -> service.create(actor, form));
    }

    @PutMapping("/api/v1/admin/duty-rules/{id}")
    @Operation(summary = "修改值班规则", description = """
            未被预约的今后场次随规则更新或删除；已有预约的场次若时间、地点或顾问改变则保留为 DETACHED 并列在 \
            keptWithBookings 中。已开始或已过去的场次不变。""" + TIME_RULES)
    Mono<DutyRuleChange> update(CurrentUser admin, @PathVariable String id, @Validated @RequestBody RuleForm form) {
        return service.admin(admin).flatMap(actor -> service.update(actor, id, form));
    }

    @DeleteMapping("/api/v1/admin/duty-rules/{id}")
    @Operation(summary = "删除值班规则", description = "删除今后未被预约的场次；已有预约的场次保留为 DETACHED 并列在 keptWithBookings 中。")
    Mono<DutyRuleChange> delete(CurrentUser admin, @PathVariable String id) {
        return service.admin(admin).flatMap(actor -> service.delete(actor, id));
    }

    @GetMapping("/api/v1/admin/duty-sessions")
    @Operation(summary = "列出值班场次", description = """
            village 为村代码时列出该村的驻村场次；为乡镇或县代码时列出其中各村的驻村场次和其坐班场次。\
            from、to 为北京时间日期（含），默认从今天起 8 周，最多 366 天；按开始时间排序，含已取消的场次。""")
    Flux<DutySessionView> sessions(CurrentUser admin,
            @Parameter(description = "村（社区）、乡镇或县的代码，默认为本人的管辖区划", example = "621025100201")
            @RequestParam(required = false) String village,
            @Parameter(example = "2026-12-01") @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
            @Parameter(example = "2026-12-31") @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
        return service.sessions(admin, village, from, to);
    }

    @PostMapping("/api/v1/admin/duty-sessions/{id}/cancellation")
    @Operation(summary = "取消一次值班", description = "只能取消尚未开始的场次（否则 409 SESSION_PAST）；重复取消不改变原因。")
    Mono<DutySessionView> cancel(CurrentUser admin, @PathVariable String id, @Validated @RequestBody CancelForm form) {
        return service.cancel(admin, id, form.reason());
    }

    @GetMapping("/api/v1/advisor/duty-rules")
    @Operation(summary = "列出本人的值班规则", description = "village 可选，只看地点在该区划内的规则。")
    Flux<DutyRuleView> ownRules(CurrentUser advisor,
            @Parameter(description = "村（社区）、乡镇或县的代码", example = "621025100201")
            @RequestParam(required = false) String village) {
        return service.advisor(advisor).flatMapMany(actor -> service.list(actor, village, null));
    }

    @PostMapping("/api/v1/advisor/duty-rules")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "新建本人的值班规则", description = "只能在本人服务（协议已备案且在有效期内）的村（社区）或其所在乡镇、县安排。" + TIME_RULES)
    Mono<DutyRuleChange> createOwn(CurrentUser advisor, @Validated @RequestBody RuleForm form) {
        return service.advisor(advisor).flatMap(actor -> service.create(actor, form));
    }

    @PutMapping("/api/v1/advisor/duty-rules/{id}")
    @Operation(summary = "修改本人的值班规则", description = "规则同管理员修改；只能修改本人的规则。" + TIME_RULES)
    Mono<DutyRuleChange> updateOwn(CurrentUser advisor, @PathVariable String id, @Validated @RequestBody RuleForm form) {
        return service.advisor(advisor).flatMap(actor -> service.update(actor, id, form));
    }

    @DeleteMapping("/api/v1/advisor/duty-rules/{id}")
    @Operation(summary = "删除本人的值班规则", description = "已有预约的场次保留为 DETACHED 并列在 keptWithBookings 中。")
    Mono<DutyRuleChange> deleteOwn(CurrentUser advisor, @PathVariable String id) {
        return service.advisor(advisor).flatMap(actor -> service.delete(actor, id));
    }
}
