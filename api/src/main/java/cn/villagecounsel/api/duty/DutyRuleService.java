package cn.villagecounsel.api.duty;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.TreeMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.advisor.Assignments;
import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.AuditLog;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.DirectoryChanges;
import cn.villagecounsel.api.common.FieldError;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.common.RegionLevel;
import cn.villagecounsel.api.duty.DutyForms.RecurrenceForm;
import cn.villagecounsel.api.duty.DutyForms.RuleForm;
import cn.villagecounsel.api.duty.DutyRule.Recurrence;
import cn.villagecounsel.api.duty.DutyRule.Skip;
import cn.villagecounsel.api.duty.DutyViews.DutyRuleChange;
import cn.villagecounsel.api.duty.DutyViews.DutyRuleView;
import cn.villagecounsel.api.duty.DutyViews.DutySessionView;
import cn.villagecounsel.api.duty.DutyViews.ExceptionView;
import cn.villagecounsel.api.duty.DutyViews.RecurrenceView;
import cn.villagecounsel.api.region.RegionDirectory;
import cn.villagecounsel.api.region.RegionView;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Duty rules and their sessions, kept by admins of the region and by advisors for the villages they serve.
 * Every change is checked completely (fields, scope, codes, overlaps) before anything is written, and runs
 * under the advisor's lock so that two concurrent edits cannot both pass the overlap check.
 */
@Service
class DutyRuleService {

    static final Period LONGEST = Period.ofYears(2);
    static final Period DEFAULT_RANGE = Period.ofWeeks(8);
    static final int MAX_RANGE_DAYS = 366;
    private static final int MAX_RULES = 1_000;
    private static final int MAX_SESSIONS = 2_000;

    private final ReactiveMongoTemplate mongo;
    private final SessionPlanner planner;
    private final DutyCalendar calendar;
    private final DutyLocks locks;
    private final Assignments assignments;
    private final RegionDirectory regions;
    private final DirectoryChanges changes;
    private final AuditLog audit;

    private final ObjectProvider<SessionCancellationListener> cancellationListeners;

    DutyRuleService(ReactiveMongoTemplate mongo, SessionPlanner planner, DutyCalendar calendar, DutyLocks locks,
            Assignments assignments, RegionDirectory regions, DirectoryChanges changes, AuditLog audit,
            ObjectProvider<SessionCancellationListener> cancellationListeners) {
        this.mongo = mongo;
        this.cancellationListeners = cancellationListeners;
        this.planner = planner;
        this.calendar = calendar;
        this.locks = locks;
        this.assignments = assignments;
        this.regions = regions;
        this.changes = changes;
        this.audit = audit;
    }

    /** Who acts: an admin (for any advisor, within their regions) or an advisor (own duties in served villages). */
    record Actor(CurrentUser user, String ownAdvisorId) {

        boolean isAdvisor() {
            return ownAdvisorId != null;
        }
    }

    Mono<Actor> admin(CurrentUser user) {
        return Mono.just(new Actor(user, null));
    }

    Mono<Actor> advisor(CurrentUser user) {
        return assignments.advisorIdOfUser(user.id())
                .switchIfEmpty(Mono.error(() -> ApiProblem.forbidden("您的账号没有关联法律顾问资料。")))
                .map(advisorId -> new Actor(user, advisorId));
    }

    // ---- rules ----

    Flux<DutyRuleView> list(Actor actor, String code, String advisorId) {
        if (!actor.isAdvisor()) {
            return actor.user().regionScope(code, "village")
                    .flatMapMany(scope -> rules(advisorId == null ? within(scope)
                            : new Criteria().andOperator(within(scope), where("advisorId").is(advisorId))));
        }
        Criteria own = where("advisorId").is(actor.ownAdvisorId());
        if (code == null) {
            return rules(own);
        }
        if (!RegionCodes.isValid(code)) {
            return Flux.error(ApiProblem.invalid("village", "区划代码应为 12 位数字。"));
        }
        return rules(new Criteria().andOperator(own, within(code)));
    }

    private Flux<DutyRuleView> rules(Criteria criteria) {
        return mongo.find(query(criteria).limit(MAX_RULES), DutyRule.class)
                .sort(Comparator.comparing(DutyRule::code).thenComparing(DutyRule::startTime).thenComparing(DutyRule::id))
                .collectList()
                .flatMapMany(this::ruleViews);
    }

    Mono<DutyRuleChange> create(Actor actor, RuleForm form) {
        return Mono.defer(() -> {
            DutyRule draft = draft(actor, form, null);
            return authorize(actor, draft, null)
                    .then(checkReferences(actor, draft))
                    .then(locks.withAdvisors(Set.of(draft.advisorId()), () -> planner.plan(null, draft, true)
                            .flatMap(plan -> refuseOverlaps(plan)
                                    .then(mongo.insert(draft))
                                    .flatMap(saved -> planner.apply(plan, saved).map(outcome -> new Saved(saved, outcome))))))
                    .flatMap(saved -> record(actor, "duty.rule.create", saved.rule(), List.of(saved.rule().code()), saved));
        });
    }

    Mono<DutyRuleChange> update(Actor actor, String id, RuleForm form) {
        return manageable(actor, id).flatMap(existing -> {
            DutyRule draft = draft(actor, form, existing);
            Set<String> advisorIds = new TreeSet<>(List.of(existing.advisorId(), draft.advisorId()));
            return authorize(actor, draft, existing)
                    .then(checkReferences(actor, draft))
                    .then(locks.withAdvisors(advisorIds, () -> current(existing)
                            .flatMap(fresh -> planner.plan(id, draft, true)
                                    .flatMap(plan -> refuseOverlaps(plan)
                                            .then(mongo.save(draft))
                                            .flatMap(saved -> planner.apply(plan, saved)
                                                    .map(outcome -> new Saved(saved, outcome)))))))
                    .flatMap(saved -> record(actor, "duty.rule.update", saved.rule(),
                            List.of(existing.code(), saved.rule().code()), saved));
        });
    }

    Mono<DutyRuleChange> delete(Actor actor, String id) {
        return manageable(actor, id).flatMap(existing -> locks.withAdvisors(Set.of(existing.advisorId()),
                        () -> current(existing)
                                .flatMap(fresh -> planner.plan(id, null, false))
                                .flatMap(plan -> planner.apply(plan, null))
                                .flatMap(outcome -> mongo.remove(query(where("_id").is(id)), DutyRule.class)
                                        .thenReturn(new Saved(existing, outcome))))
                .flatMap(saved -> record(actor, "duty.rule.delete", existing, List.of(existing.code()),
                        new Saved(existing, new SessionPlanner.Outcome(0, saved.outcome().kept(), true)))));
    }

    private record Saved(DutyRule rule, SessionPlanner.Outcome outcome) {
    }

    private Mono<DutyRuleChange> record(Actor actor, String action, DutyRule rule, List<String> codes, Saved saved) {
        return changes.changed(codes)
                .then(audit.record(actor.user().id(), action, rule.id(), "SUCCESS", codes.stream().distinct().toList()))
                .then(Mono.zip(ruleViews(List.of(rule)).single(), sessionViews(saved.outcome().kept()).collectList()))
                .map(views -> new DutyRuleChange(views.getT1(), saved.outcome().sessions(), views.getT2()));
    }

    /** The stored rule, unless it changed since {@code seen} was read (then 409: the caller decided on old data). */
    private Mono<DutyRule> current(DutyRule seen) {
        return mongo.findById(seen.id(), DutyRule.class)
                .filter(fresh -> Objects.equals(fresh.version(), seen.version())
                        && fresh.advisorId().equals(seen.advisorId()))
                .switchIfEmpty(Mono.error(() -> new ApiProblem(HttpStatus.CONFLICT, "CONFLICT", "数据冲突",
                        "该值班规则刚被他人修改或删除，请刷新后重试。")));
    }

    private Mono<DutyRule> manageable(Actor actor, String id) {
        return mongo.findById(id, DutyRule.class)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("值班规则不存在。")))
                .flatMap(rule -> {
                    if (actor.isAdvisor() && !rule.advisorId().equals(actor.ownAdvisorId())) {
                        return Mono.error(ApiProblem.forbidden("只能修改本人的值班安排。"));
                    }
                    return assignments.requireManage(actor.user(), rule.code()).thenReturn(rule);
                });
    }

    private Mono<Void> authorize(Actor actor, DutyRule draft, DutyRule existing) {
        if (actor.isAdvisor() && !draft.advisorId().equals(actor.ownAdvisorId())) {
            return Mono.error(ApiProblem.forbidden("只能安排本人的值班。"));
        }
        Mono<Void> old = existing == null || existing.code().equals(draft.code()) ? Mono.empty()
                : assignments.requireManage(actor.user(), existing.code());
        return old.then(assignments.requireManage(actor.user(), draft.code()));
    }

    /** Unknown village/station codes and advisors, as field errors. */
    private Mono<Void> checkReferences(Actor actor, DutyRule draft) {
        String field = draft.kind() == DutyKind.ON_SITE ? "villageCode" : "stationCode";
        Mono<List<FieldError>> region = regions.find(draft.code())
                .map(found -> List.<FieldError>of())
                .defaultIfEmpty(List.of(new FieldError(field, (draft.kind() == DutyKind.ON_SITE ? "村（社区）" : "坐班地点所在区划")
                        + draft.code() + " 不存在。")));
        Mono<List<FieldError>> advisor = actor.isAdvisor() ? Mono.just(List.of())
                : assignments.advisorExists(draft.advisorId())
                        .map(exists -> exists ? List.<FieldError>of() : List.of(new FieldError("advisorId", "法律顾问不存在。")));
        return Mono.zip(region, advisor).flatMap(found -> {
            List<FieldError> errors = new ArrayList<>(found.getT1());
            errors.addAll(found.getT2());
            return errors.isEmpty() ? Mono.empty() : Mono.error(invalid(errors));
        });
    }

    private static Mono<Void> refuseOverlaps(SessionPlanner.Plan plan) {
        if (plan.conflicts().isEmpty()) {
            return Mono.empty();
        }
        SessionPlanner.Conflict first = plan.conflicts().get(0);
        String detail = "该法律顾问 " + first.mine().date() + " " + DutyCalendar.wallClock(first.otherStart()) + "–"
                + DutyCalendar.wallClock(first.otherEnd()) + " 已有值班（" + first.otherPlace() + "），与本规则当天 "
                + DutyCalendar.wallClock(first.mine().startAt()) + "–" + DutyCalendar.wallClock(first.mine().endAt())
                + " 的值班时间重叠" + (plan.conflicts().size() > 1 ? "；共有 " + plan.conflicts().size() + " 天重叠。" : "。");
        return Mono.error(new ApiProblem(HttpStatus.CONFLICT, "SESSION_OVERLAP", "值班时间冲突", detail));
    }

    /** The rule the form describes, or 400 with every field error at once. */
    private DutyRule draft(Actor actor, RuleForm form, DutyRule existing) {
        LocalDate today = calendar.today();
        List<FieldError> errors = new ArrayList<>();
        RecurrenceForm recurrence = form.recurrence();
        LocalTime startTime = form.startTime().truncatedTo(ChronoUnit.MINUTES);
        LocalTime endTime = form.endTime().truncatedTo(ChronoUnit.MINUTES);
        if (!endTime.isAfter(startTime)) {
            errors.add(new FieldError("endTime", "结束时间应晚于开始时间（值班不能跨过午夜）。"));
        }
        List<Integer> days = recurrence.daysOfWeek() != null && !recurrence.daysOfWeek().isEmpty()
                ? List.copyOf(new TreeSet<>(recurrence.daysOfWeek()))
                : recurrence.dayOfWeek() != null ? List.of(recurrence.dayOfWeek()) : List.of();
        switch (recurrence.frequency()) {
            case WEEKLY -> {
                if (days.isEmpty()) {
                    errors.add(new FieldError("recurrence.daysOfWeek", "请选择每周哪几天值班（1–7，周一为 1）。"));
                }
            }
            case MONTHLY -> {
                Integer week = recurrence.weekOfMonth();
                if (week == null || week != -1 && (week < 1 || week > 5)) {
                    errors.add(new FieldError("recurrence.weekOfMonth", "请选择每月第几个星期几（1–5，-1 为最后一个）。"));
                }
                if (days.isEmpty()) {
                    errors.add(new FieldError("recurrence.dayOfWeek", "请选择星期几（1–7，周一为 1）。"));
                }
            }
            case ONCE -> {
                if (recurrence.date() == null) {
                    errors.add(new FieldError("recurrence.date", "请填写值班日期。"));
                }
            }
        }
        boolean once = recurrence.frequency() == Frequency.ONCE;
        LocalDate from = form.validFrom() != null ? form.validFrom() : once ? recurrence.date() : null;
        LocalDate until = form.validUntil() != null ? form.validUntil() : once ? recurrence.date() : null;
        if (from == null) {
            errors.add(new FieldError("validFrom", "请填写生效日期。"));
        }
        if (until == null) {
            errors.add(new FieldError("validUntil", "请填写截止日期。"));
        }
        if (from != null && until != null) {
            if (until.isBefore(from)) {
                errors.add(new FieldError("validUntil", "截止日期不能早于生效日期。"));
            } else if (from.plus(LONGEST).isBefore(until)) {
                errors.add(new FieldError("validUntil", "值班规则的有效期不能超过 2 年，请分段设置。"));
            } else if (today.plus(LONGEST).isBefore(until)) {
                errors.add(new FieldError("validUntil", "值班最远只能安排到 2 年以后。"));
            } else if (existing == null && until.isBefore(today)) {
                errors.add(new FieldError("validUntil", "截止日期已过。"));
            }
            if (once && recurrence.date() != null && (recurrence.date().isBefore(from) || recurrence.date().isAfter(until))) {
                errors.add(new FieldError("recurrence.date", "值班日期应在有效期内。"));
            }
        }
        if (form.kind() == DutyKind.ON_SITE) {
            if (form.villageCode() == null) {
                errors.add(new FieldError("villageCode", "驻村值班请选择村（社区）。"));
            } else if (RegionCodes.levelOf(form.villageCode()) != RegionLevel.VILLAGE) {
                errors.add(new FieldError("villageCode", "驻村值班的地点应为村（社区），不能是乡镇或县。"));
            }
            if (form.stationCode() != null) {
                errors.add(new FieldError("stationCode", "驻村值班不填写坐班地点代码。"));
            }
        } else {
            if (form.stationCode() == null) {
                errors.add(new FieldError("stationCode", "坐班值班请选择司法所或公共法律服务站所在的乡镇（街道）或县（区）。"));
            } else if (!Set.of(RegionLevel.TOWNSHIP, RegionLevel.COUNTY).contains(RegionCodes.levelOf(form.stationCode()))) {
                errors.add(new FieldError("stationCode", "坐班地点应为乡镇（街道）或县（区）的代码。"));
            }
            if (form.villageCode() != null) {
                errors.add(new FieldError("villageCode", "坐班值班不填写村（社区）代码。"));
            }
        }
        String advisorId = blankToNull(form.advisorId());
        if (advisorId == null) {
            if (actor.isAdvisor()) {
                advisorId = actor.ownAdvisorId();
            } else {
                errors.add(new FieldError("advisorId", "请选择法律顾问。"));
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        List<Skip> exceptions = form.exceptions() == null ? List.of()
                : form.exceptions().stream()
                        .collect(Collectors.toMap(skip -> skip.date(), skip -> blankToNull(skip.reason()),
                                (a, b) -> a != null ? a : b, TreeMap::new))
                        .entrySet().stream()
                        .map(entry -> new Skip(entry.getKey().toString(), entry.getValue()))
                        .toList();
        Recurrence stored = new Recurrence(recurrence.frequency(), once ? null : days,
                recurrence.frequency() == Frequency.WEEKLY ? (recurrence.intervalWeeks() == null ? 1 : recurrence.intervalWeeks()) : null,
                recurrence.frequency() == Frequency.MONTHLY ? recurrence.weekOfMonth() : null,
                once ? recurrence.date().toString() : null);
        Instant now = calendar.now();
        return new DutyRule(existing == null ? null : existing.id(), advisorId, form.kind(),
                form.kind() == DutyKind.ON_SITE ? form.villageCode() : null,
                form.kind() == DutyKind.DESK ? form.stationCode() : null,
                form.place().strip(), form.mode(), stored, hhmm(startTime), hhmm(endTime),
                from.toString(), until.toString(), exceptions, form.slotMinutes(), form.placesPerSlot(),
                existing == null ? actor.user().id() : existing.createdBy(),
                existing == null ? now : existing.createdAt(), actor.user().id(), now,
                existing == null ? null : existing.version());
    }

    // ---- sessions ----

    Flux<DutySessionView> sessions(CurrentUser admin, String code, LocalDate from, LocalDate to) {
        LocalDate first = from != null ? from : calendar.today();
        LocalDate last = to != null ? to : first.plus(DEFAULT_RANGE).minusDays(1);
        if (last.isBefore(first)) {
            return Flux.error(ApiProblem.invalid("to", "结束日期不能早于开始日期。"));
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_RANGE_DAYS) {
            return Flux.error(ApiProblem.invalid("to", "一次最多查询 366 天。"));
        }
        return admin.regionScope(code, "village")
                .flatMapMany(scope -> mongo.find(query(new Criteria().andOperator(within(scope),
                                where("startAt").gte(DutyCalendar.startOfDay(first)).lt(DutyCalendar.startOfDay(last.plusDays(1)))))
                        .with(Sort.by("startAt")).limit(MAX_SESSIONS), DutySession.class))
                .collectList()
                .flatMapMany(this::sessionViews);
    }

    Mono<DutySessionView> cancel(CurrentUser admin, String id, String reason) {
        return mongo.findById(id, DutySession.class)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("值班场次不存在。")))
                .flatMap(session -> assignments.requireManage(admin, session.code()).thenReturn(session))
                .flatMap(session -> {
                    if (session.status() == DutyStatus.CANCELLED) {
                        // a repeat finishes telling the bookings, should the first attempt have stopped halfway
                        return tellBookings(session, admin).thenReturn(session);
                    }
                    Instant now = calendar.now();
                    if (!session.startAt().isAfter(now)) {
                        return Mono.error(new ApiProblem(HttpStatus.CONFLICT, "SESSION_PAST", "值班已开始",
                                "已开始或已结束的值班不能取消。"));
                    }
                    return mongo.findAndModify(
                                    query(where("_id").is(id).and("status").in(DutyStatus.PLANNED, DutyStatus.DETACHED)),
                                    new Update().set("status", DutyStatus.CANCELLED).set("cancelReason", reason.strip())
                                            .set("cancelledBy", admin.id()).set("cancelledAt", now).set("updatedAt", now),
                                    FindAndModifyOptions.options().returnNew(true), DutySession.class)
                            .switchIfEmpty(Mono.defer(() -> mongo.findById(id, DutySession.class)))
                            .flatMap(cancelled -> changes.changed(cancelled.code())
                                    .then(audit.record(admin.id(), "duty.session.cancel", id, "SUCCESS",
                                            List.of(cancelled.code())))
                                    .then(tellBookings(cancelled, admin))
                                    .thenReturn(cancelled));
                })
                .flatMapMany(session -> sessionViews(List.of(session)))
                .single();
    }

    private Mono<Void> tellBookings(DutySession session, CurrentUser by) {
        BookableSession cancelled = BookableSession.of(session);
        return Flux.fromStream(cancellationListeners.orderedStream())
                .concatMap(listener -> listener.sessionCancelled(cancelled, by))
                .then();
    }

    // ---- views ----

    private Flux<DutyRuleView> ruleViews(List<DutyRule> rules) {
        if (rules.isEmpty()) {
            return Flux.empty();
        }
        return Mono.zip(assignments.names(rules.stream().map(DutyRule::advisorId).distinct().toList()),
                        regionNames(rules.stream().map(DutyRule::code).toList()))
                .flatMapIterable(found -> rules.stream().map(rule -> view(rule, found.getT1(), found.getT2())).toList());
    }

    private static DutyRuleView view(DutyRule rule, Map<String, String> advisorNames, Map<String, String> regionNames) {
        Recurrence recurrence = rule.recurrence();
        return new DutyRuleView(rule.id(), rule.advisorId(), advisorNames.get(rule.advisorId()), rule.kind(),
                rule.villageCode(), rule.stationCode(), regionNames.get(rule.code()), rule.place(), rule.mode(),
                new RecurrenceView(recurrence.frequency(), recurrence.daysOfWeek(), recurrence.intervalWeeks(),
                        recurrence.weekOfMonth(), recurrence.onceDate()),
                rule.startTime(), rule.endTime(), rule.from(), rule.until(),
                rule.exceptions() == null ? List.of() : rule.exceptions().stream()
                        .map(skip -> new ExceptionView(LocalDate.parse(skip.date()), skip.reason())).toList(),
                DutyCalendar.describe(rule), rule.slotMinutes(), rule.placesPerSlot(), rule.updatedAt());
    }

    Flux<DutySessionView> sessionViews(List<DutySession> sessions) {
        if (sessions.isEmpty()) {
            return Flux.empty();
        }
        return assignments.names(sessions.stream().map(DutySession::advisorId).distinct().toList())
                .flatMapIterable(names -> sessions.stream()
                        .map(session -> new DutySessionView(session.id(), session.ruleId(), session.advisorId(),
                                names.get(session.advisorId()), session.kind(), session.villageCode(),
                                session.stationCode(), session.day(), session.startAt(), session.endAt(),
                                DutyCalendar.wallClock(session.startAt()), DutyCalendar.wallClock(session.endAt()),
                                session.place(), session.mode(), session.status(), session.bookedCount(),
                                session.cancelReason()))
                        .toList());
    }

    private Mono<Map<String, String>> regionNames(Collection<String> codes) {
        return regions.describe(new LinkedHashSet<>(codes))
                .map(views -> views.stream().collect(Collectors.toMap(RegionView::code, RegionView::name, (a, b) -> a)));
    }

    /** Rules or sessions placed inside {@code code}: in its villages, or at its (or its townships') stations. */
    private static Criteria within(String code) {
        Pattern prefix = Pattern.compile("^" + RegionCodes.prefixOf(code));
        return new Criteria().orOperator(where("villageCode").regex(prefix), where("stationCode").regex(prefix));
    }

    private static ApiProblem invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).message() : "提交的内容有误，请按提示修改后重试。";
        return new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "请求参数有误", detail, errors);
    }

    private static String hhmm(LocalTime time) {
        return DutyCalendar.HH_MM.format(time);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
