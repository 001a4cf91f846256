package cn.villagecounsel.api.duty;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.springframework.stereotype.Service;

import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.duty.DutyForms.RecurrenceForm;
import cn.villagecounsel.api.duty.DutyForms.RuleForm;
import cn.villagecounsel.api.duty.DutyViews.DutyRuleChange;
import reactor.core.publisher.Mono;

/**
 * Creates duty rules on an admin's behalf outside an HTTP request (the demo county; later bulk imports),
 * through the same checks, overlap refusal and materialisation as the admin endpoint.
 */
@Service
public class DutyRules {

    /** A rule as the admin form describes it; {@code code} is the village (on site) or the station (desk). */
    public record Spec(String advisorId, DutyKind kind, String code, String place, DutyMode mode, Frequency frequency,
            List<Integer> daysOfWeek, Integer weekOfMonth, LocalTime start, LocalTime end, LocalDate validFrom,
            LocalDate validUntil) {
    }

    private final DutyRuleService service;

    DutyRules(DutyRuleService service) {
        this.service = service;
    }

    /** Creates the rule and its sessions; answers how many sessions were planned. */
    public Mono<Long> create(CurrentUser admin, Spec spec) {
        boolean onSite = spec.kind() == DutyKind.ON_SITE;
        RuleForm form = new RuleForm(spec.advisorId(), spec.kind(), onSite ? spec.code() : null,
                onSite ? null : spec.code(), spec.place(), spec.mode(),
                new RecurrenceForm(spec.frequency(), spec.daysOfWeek(), null, null, spec.weekOfMonth(), null),
                spec.start(), spec.end(), spec.validFrom(), spec.validUntil(), List.of(), null, null);
        return service.admin(admin).flatMap(actor -> service.create(actor, form)).map(DutyRuleChange::sessions);
    }
}
