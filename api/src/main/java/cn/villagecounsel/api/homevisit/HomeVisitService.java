package cn.villagecounsel.api.homevisit;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.bson.types.ObjectId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.advisor.AdvisorCard;
import cn.villagecounsel.api.advisor.Assignments;
import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.AuditLog;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.FieldCipher;
import cn.villagecounsel.api.common.IdempotencyKeys;
import cn.villagecounsel.api.common.Phones;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.common.RegionLevel;
import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.homevisit.HomeVisit.Consent;
import cn.villagecounsel.api.homevisit.HomeVisit.Step;
import cn.villagecounsel.api.homevisit.HomeVisitForms.NewHomeVisit;
import cn.villagecounsel.api.homevisit.HomeVisitForms.ScheduleForm;
import cn.villagecounsel.api.homevisit.HomeVisitProblems.KeyReused;
import cn.villagecounsel.api.homevisit.HomeVisitProblems.NotStarted;
import cn.villagecounsel.api.homevisit.HomeVisitProblems.WrongState;
import cn.villagecounsel.api.homevisit.HomeVisitViews.ConsentView;
import cn.villagecounsel.api.homevisit.HomeVisitViews.HomeVisitPage;
import cn.villagecounsel.api.homevisit.HomeVisitViews.HomeVisitView;
import cn.villagecounsel.api.homevisit.HomeVisitViews.StepView;
import cn.villagecounsel.api.region.RegionDirectory;
import cn.villagecounsel.api.region.RegionView;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Home-visit requests: residents and legal-savvy residents ask, the village's advisors and the region's admins
 * answer. Who may see a request: its requester; staff whose villages or region hold it. Anybody else is told it
 * does not exist (residents, 404) or that it is not theirs to handle (staff, 403).
 */
@Service
class HomeVisitService {

    static final int MAX_MINE = 50;
    static final int MAX_PAGE = 100;
    static final Duration LONGEST_VISIT = Duration.ofHours(4);

    private static final Pattern CURSOR = Pattern.compile("([0-2]):([0-9a-f]{24})");
    private static final Sort QUEUE = Sort.by("queueRank", "_id");
    private static final String NOT_YOURS = "该申请不在您服务或管辖的村（社区），不能查看或处理。";

    private final ReactiveMongoTemplate mongo;
    private final RegionDirectory regions;
    private final Assignments assignments;
    private final FieldCipher cipher;
    private final AuditLog audit;
    private final HomeVisitNotices notices;
    private final Clock clock;

    HomeVisitService(ReactiveMongoTemplate mongo, RegionDirectory regions, Assignments assignments, FieldCipher cipher,
            AuditLog audit, HomeVisitNotices notices, Clock clock) {
        this.mongo = mongo;
        this.regions = regions;
        this.assignments = assignments;
        this.cipher = cipher;
        this.audit = audit;
        this.notices = notices;
        this.clock = clock;
    }

    /** A new request, or — the same key from the same person — the one made before ({@code replayed}). */
    record Created(HomeVisitView visit, boolean replayed) {
    }

    Mono<Created> create(CurrentUser user, String idempotencyKey, NewHomeVisit form) {
        if (!isResident(user)) {
            return Mono.error(ApiProblem.forbidden("只有村民和法律明白人可以申请上门服务。"));
        }
        if (!IdempotencyKeys.valid(idempotencyKey)) {
            return Mono.error(IdempotencyKeys.invalid());
        }
        if (form.neighbour()) {
            if (!user.roles().contains(Role.NAVIGATOR) || !user.regions().contains(form.villageCode())) {
                return Mono.error(ApiProblem.forbidden("只有本村（社区）的法律明白人可以代邻居申请上门服务。"));
            }
            if (form.consent() == null) {
                return Mono.error(ApiProblem.invalid("consent", "代邻居申请时，请说明邻居是以什么方式同意的。"));
            }
        } else if (form.consent() != null) {
            return Mono.error(ApiProblem.invalid("consent", "只有代邻居申请时才填写同意方式。"));
        }
        // Millisecond precision: what MongoDB keeps, so a replay compares and shows the same instant.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Consent consent = form.consent() == null ? null
                : new Consent(form.consent().method(), blankToNull(form.consent().note()));
        HomeVisit draft = new HomeVisit(null, user.id(), idempotencyKey, form.villageCode(),
                cipher.encrypt(form.address().strip()), cipher.encrypt(form.reason().strip()), form.eligibility(), form.contactName().strip(),
                cipher.encrypt(form.contactPhone()), blankToNull(form.preferredTimes()), form.neighbour(), consent,
                HomeVisitStatus.REQUESTED, HomeVisit.rankOf(HomeVisitStatus.REQUESTED, form.eligibility()), null, null,
                null, null, null, 0, null, null, null, 0, now, now,
                List.of(new Step(HomeVisitStatus.REQUESTED, user.id(), now, null)));
        return villageName(form.villageCode())
                .flatMap(villageName -> mongo.insert(draft)
                        .map(saved -> new Stored(saved, false))
                        .onErrorResume(DuplicateKeyException.class, duplicate -> mongo.findOne(query(
                                        where("requesterId").is(user.id()).and("idempotencyKey").is(idempotencyKey)),
                                        HomeVisit.class)
                                .flatMap(earlier -> sameRequest(earlier, draft) ? Mono.just(new Stored(earlier, true))
                                        : Mono.error(new KeyReused())))
                        // Enqueued again on a replay too: a request that stored the visit but failed before this
                        // line is completed by the client's retry (the dedupe keys keep it to one message each).
                        .flatMap(stored -> notices.requested(stored.visit(), villageName)
                                .then(view(stored.visit(), false))
                                .map(view -> new Created(view, stored.replayed()))));
    }

    private record Stored(HomeVisit visit, boolean replayed) {
    }

    Flux<HomeVisitView> mine(CurrentUser user) {
        return mongo.find(query(where("requesterId").is(user.id())).with(Sort.by(Sort.Direction.DESC, "_id"))
                        .limit(MAX_MINE), HomeVisit.class)
                .collectList()
                .flatMapMany(this::views);
    }

    /** Staff in scope see the phone in full here, and only here; each such look is audited. */
    Mono<HomeVisitView> get(CurrentUser user, String id) {
        return find(id).flatMap(visit -> visit.requesterId().equals(user.id()) ? view(visit, false)
                : staffInScope(user, visit)
                        .then(audit.record(user.id(), "homevisit.phone-view", visit.id(), "SUCCESS",
                                List.of(visit.villageCode())))
                        .then(view(visit, true)));
    }

    Mono<HomeVisitView> cancel(CurrentUser user, String id, String reason) {
        String note = blankToNull(reason);
        return find(id)
                .flatMap(visit -> visit.requesterId().equals(user.id()) ? Mono.just(visit)
                        : staffInScope(user, visit).then(Mono.error(ApiProblem.forbidden("只有申请人本人可以撤销申请。"))))
                .flatMap(visit -> transition(visit, HomeVisitStatus.OPEN, HomeVisitStatus.CANCELLED, "撤销", user, note,
                                new Update().set("cancelReason", note))
                        .flatMap(saved -> (visit.status() == HomeVisitStatus.SCHEDULED
                                ? notices.withdrawReminder(saved.id(), saved.scheduleVersion())
                                        .then(notices.cancelled(saved))
                                : Mono.<Void>empty()).then(view(saved, false))));
    }

    /** The staff list: open requests first (the seriously ill first among them), then by arrival. */
    Mono<HomeVisitPage> list(CurrentUser user, HomeVisitStatus status, String village, String region, String cursor,
            int limit) {
        if (!isStaff(user)) {
            return Mono.error(ApiProblem.forbidden("只有法律顾问和司法行政工作人员可以查看上门服务申请列表。"));
        }
        if (limit < 1 || limit > MAX_PAGE) {
            return Mono.error(ApiProblem.invalid("limit", "每页条数应在 1 到 100 之间。"));
        }
        if (village != null && !RegionCodes.isValid(village)) {
            return Mono.error(ApiProblem.invalid("village", "村（社区）代码应为 12 位数字。"));
        }
        if (region != null && !RegionCodes.isValid(region)) {
            return Mono.error(ApiProblem.invalid("region", "区划代码应为 12 位数字。"));
        }
        Matcher after = cursor == null ? null : CURSOR.matcher(cursor);
        if (after != null && !after.matches()) {
            return Mono.error(ApiProblem.invalid("cursor", "翻页游标无效。"));
        }
        return scopeOfList(user, village, region)
                .flatMap(scope -> {
                    Criteria criteria = status == null ? scope : new Criteria().andOperator(scope,
                            where("status").is(status));
                    if (after != null) {
                        int rank = Integer.parseInt(after.group(1));
                        ObjectId id = new ObjectId(after.group(2));
                        criteria = new Criteria().andOperator(criteria, new Criteria().orOperator(
                                where("queueRank").gt(rank), where("queueRank").is(rank).and("_id").gt(id)));
                    }
                    return mongo.find(query(criteria).with(QUEUE).limit(limit + 1), HomeVisit.class).collectList();
                })
                .flatMap(found -> {
                    boolean more = found.size() > limit;
                    List<HomeVisit> shown = more ? found.subList(0, limit) : found;
                    HomeVisit last = more ? shown.get(shown.size() - 1) : null;
                    return views(shown).collectList().map(items -> new HomeVisitPage(items,
                            last == null ? null : last.queueRank() + ":" + last.id()));
                });
    }

    /**
     * Sets or moves the visit's time. An advisor may leave out {@code advisorId} (themselves); an admin names an
     * advisor, who must serve the village today.
     */
    Mono<HomeVisitView> schedule(CurrentUser user, String id, ScheduleForm form) {
        if (!isStaff(user)) {
            return Mono.error(ApiProblem.forbidden("只有法律顾问和司法行政工作人员可以安排上门服务。"));
        }
        Instant now = clock.instant();
        if (!form.startAt().isAfter(now)) {
            return Mono.error(ApiProblem.invalid("startAt", "上门时间应晚于现在。"));
        }
        if (!form.endAt().isAfter(form.startAt())) {
            return Mono.error(ApiProblem.invalid("endAt", "结束时间应晚于开始时间。"));
        }
        if (Duration.between(form.startAt(), form.endAt()).compareTo(LONGEST_VISIT) > 0) {
            return Mono.error(ApiProblem.invalid("endAt", "一次上门服务不超过 4 小时。"));
        }
        Instant startAt = form.startAt().truncatedTo(ChronoUnit.MILLIS);
        Instant endAt = form.endAt().truncatedTo(ChronoUnit.MILLIS);
        String note = blankToNull(form.note());
        return find(id)
                .flatMap(visit -> staffInScope(user, visit)
                        .flatMap(reach -> advisorFor(visit, form.advisorId() == null || form.advisorId().isBlank()
                                ? reach.advisorId() : form.advisorId().strip()))
                        .flatMap(advisor -> {
                            String history = advisor.name() + " " + HomeVisitNotices.when(startAt, endAt)
                                    + (note == null ? "" : "。" + note);
                            return transition(visit, HomeVisitStatus.OPEN, HomeVisitStatus.SCHEDULED, "安排上门", user,
                                    history, new Update().set("advisorId", advisor.id())
                                            .set("advisorName", advisor.name())
                                    .set("startAt", startAt).set("endAt", endAt).set("scheduleNote", note)
                                    .inc("scheduleVersion", 1));
                        })
                        .flatMap(saved -> notices.withdrawReminder(saved.id(), visit.scheduleVersion())
                                .then(notices.scheduled(saved))
                                .then(view(saved, false))));
    }

    /**
     * Declines a request that is still waiting. A scheduled visit is not declined: it is moved, or the requester
     * cancels it; so of a schedule and a decline sent together exactly one succeeds, in whichever order they land.
     */
    Mono<HomeVisitView> decline(CurrentUser user, String id, String reason) {
        if (!isStaff(user)) {
            return Mono.error(ApiProblem.forbidden("只有法律顾问和司法行政工作人员可以处理上门服务申请。"));
        }
        String text = reason.strip();
        return find(id)
                .flatMap(visit -> staffInScope(user, visit)
                        .then(transition(visit, Set.of(HomeVisitStatus.REQUESTED), HomeVisitStatus.DECLINED, "婉拒",
                                user, text, new Update().set("declineReason", text))))
                .flatMap(saved -> notices.declined(saved).then(view(saved, false)));
    }

    Mono<HomeVisitView> complete(CurrentUser user, String id, String note) {
        if (!isStaff(user)) {
            return Mono.error(ApiProblem.forbidden("只有法律顾问和司法行政工作人员可以登记上门服务完成。"));
        }
        String text = blankToNull(note);
        return find(id)
                .flatMap(visit -> staffInScope(user, visit)
                        .then(visit.status() == HomeVisitStatus.SCHEDULED && clock.instant().isBefore(visit.startAt())
                                ? Mono.error(new NotStarted())
                                : transition(visit, Set.of(HomeVisitStatus.SCHEDULED), HomeVisitStatus.COMPLETED,
                                        "登记完成", user, text, new Update().set("completionNote", text))))
                .flatMap(saved -> view(saved, false));
    }

    /**
     * One conditional update from the state this request read: {@code status} and {@code revision} in the query,
     * so when two people act at once exactly one update matches and the other gets HOME_VISIT_STATE.
     */
    private Mono<HomeVisit> transition(HomeVisit seen, Set<HomeVisitStatus> from, HomeVisitStatus next, String action,
            CurrentUser user, String note, Update update) {
        if (!from.contains(seen.status())) {
            return Mono.error(new WrongState("该申请" + seen.status().label() + "，不能" + action + "。"));
        }
        Instant now = clock.instant();
        update.set("status", next).set("queueRank", HomeVisit.rankOf(next, seen.eligibility())).inc("revision", 1)
                .set("updatedAt", now).push("history", new Step(next, user.id(), now, note));
        return mongo.findAndModify(query(where("_id").is(seen.id()).and("status").is(seen.status())
                                .and("revision").is(seen.revision())), update,
                        FindAndModifyOptions.options().returnNew(true), HomeVisit.class)
                .switchIfEmpty(Mono.defer(() -> find(seen.id()).flatMap(current -> Mono.error(new WrongState(
                        "该申请刚被他人处理（当前状态：" + current.status().label() + "），请刷新后再操作。")))));
    }

    /** The advisor who is to go: one who serves the village today. */
    private Mono<AdvisorCard> advisorFor(HomeVisit visit, String advisorId) {
        if (advisorId == null) {
            return Mono.error(ApiProblem.invalid("advisorId", "请选择上门的法律顾问。"));
        }
        return assignments.advisorsOf(List.of(visit.villageCode()))
                .flatMapIterable(byVillage -> byVillage.getOrDefault(visit.villageCode(), List.of()))
                .filter(card -> card.id().equals(advisorId))
                .next()
                .switchIfEmpty(Mono.error(() -> ApiProblem.invalid("advisorId",
                        "该法律顾问目前不服务这个村（社区），请选择本村的法律顾问。")));
    }

    /** What a staff member may act on: an admin their regions, an advisor the villages they serve today. */
    private record Reach(CurrentUser user, String advisorId, Set<String> villages) {

        boolean covers(String villageCode) {
            return user.roles().contains(Role.ADMIN) && user.mayActIn(villageCode) || villages.contains(villageCode);
        }
    }

    private Mono<Reach> reach(CurrentUser user) {
        if (!user.roles().contains(Role.ADVISOR)) {
            return Mono.just(new Reach(user, null, Set.of()));
        }
        return assignments.advisorIdOfUser(user.id())
                .flatMap(advisorId -> assignments.villagesServedBy(advisorId).collect(Collectors.toSet())
                        .map(villages -> new Reach(user, advisorId, villages)))
                .defaultIfEmpty(new Reach(user, null, Set.of()));
    }

    /** Staff whose villages or region hold the request; 403 for other staff, 404 for everybody else. */
    private Mono<Reach> staffInScope(CurrentUser user, HomeVisit visit) {
        if (!isStaff(user)) {
            return Mono.error(notFound());
        }
        return reach(user).filter(reach -> reach.covers(visit.villageCode()))
                .switchIfEmpty(Mono.error(() -> ApiProblem.forbidden(NOT_YOURS)));
    }

    /** Admins: their region, or {@code region} inside it; advisors: the villages they serve (inside {@code region}). */
    private Mono<Criteria> scopeOfList(CurrentUser user, String village, String region) {
        if (user.roles().contains(Role.ADMIN)) {
            if (village != null && !user.mayActIn(village)) {
                return Mono.error(ApiProblem.forbidden("该村（社区）不在您的管辖范围内。"));
            }
            if (village != null && region == null) {
                return Mono.just(where("villageCode").is(village));
            }
            return user.regionScope(region, "region").map(scope -> {
                String prefix = RegionCodes.prefixOf(scope);
                // Digits sort before ':', so this range holds exactly the codes that start with the prefix.
                Criteria inRegion = where("villageCode").gte(prefix).lt(prefix + ":");
                return village == null ? inRegion
                        : new Criteria().andOperator(inRegion, where("villageCode").is(village));
            });
        }
        return reach(user).flatMap(reach -> {
            if (village != null && !reach.villages().contains(village)) {
                return Mono.error(ApiProblem.forbidden("您不是该村（社区）的法律顾问。"));
            }
            List<String> villages = reach.villages().stream()
                    .filter(code -> village == null || code.equals(village))
                    .filter(code -> region == null || RegionCodes.covers(region, code))
                    .toList();
            return Mono.just(where("villageCode").in(villages));
        });
    }

    private Mono<HomeVisit> find(String id) {
        return mongo.findById(id, HomeVisit.class).switchIfEmpty(Mono.error(HomeVisitService::notFound));
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("上门服务申请不存在。");
    }

    private Mono<String> villageName(String code) {
        return regions.find(code)
                .filter(village -> village.level() == RegionLevel.VILLAGE)
                .map(RegionView::name)
                .switchIfEmpty(Mono.error(() -> ApiProblem.invalid("villageCode", "村（社区）" + code + " 不存在。")));
    }

    /** A replay carries the same request; a different one under a used key is the client's mistake. */
    private boolean sameRequest(HomeVisit earlier, HomeVisit draft) {
        return earlier.villageCode().equals(draft.villageCode())
                && cipher.decrypt(earlier.address()).equals(cipher.decrypt(draft.address()))
                && cipher.decrypt(earlier.reason()).equals(cipher.decrypt(draft.reason()))
                && earlier.eligibility() == draft.eligibility()
                && earlier.contactName().equals(draft.contactName())
                && cipher.decrypt(earlier.contactPhone()).equals(cipher.decrypt(draft.contactPhone()))
                && Objects.equals(earlier.preferredTimes(), draft.preferredTimes())
                && earlier.forNeighbour() == draft.forNeighbour() && Objects.equals(earlier.consent(), draft.consent());
    }

    private Mono<HomeVisitView> view(HomeVisit visit, boolean fullPhone) {
        return villageNames(List.of(visit)).map(names -> toView(visit, names, fullPhone));
    }

    /** Views with the phone masked, and one look-up for all the villages' names. */
    private Flux<HomeVisitView> views(List<HomeVisit> visits) {
        return villageNames(visits).flatMapIterable(names -> visits.stream()
                .map(visit -> toView(visit, names, false)).toList());
    }

    private Mono<Map<String, String>> villageNames(Collection<HomeVisit> visits) {
        return regions.describe(visits.stream().map(HomeVisit::villageCode).distinct().toList())
                .map(found -> found.stream()
                        .collect(Collectors.toMap(RegionView::code, RegionView::name, (a, b) -> a)));
    }

    private HomeVisitView toView(HomeVisit visit, Map<String, String> villageNames, boolean fullPhone) {
        String phone = cipher.decrypt(visit.contactPhone());
        Consent consent = visit.consent();
        return new HomeVisitView(visit.id(), visit.villageCode(), villageNames.get(visit.villageCode()),
                cipher.decrypt(visit.address()), cipher.decrypt(visit.reason()), visit.eligibility(), visit.eligibility().label(), visit.contactName(),
                fullPhone ? phone : Phones.mask(phone), visit.preferredTimes(), visit.forNeighbour(),
                consent == null ? null : new ConsentView(consent.method(), consent.method().label(), consent.note()),
                visit.status(), visit.status().label(), visit.advisorId(), visit.advisorName(), visit.startAt(),
                visit.endAt(), visit.scheduleNote(), visit.scheduleVersion(), visit.declineReason(),
                visit.cancelReason(), visit.completionNote(), visit.createdAt(), visit.updatedAt(),
                visit.history() == null ? List.of() : visit.history().stream()
                        .map(step -> new StepView(step.status(), step.status().label(), step.by(), step.at(),
                                step.note()))
                        .toList());
    }

    private static boolean isResident(CurrentUser user) {
        return user.roles().contains(Role.RESIDENT) || user.roles().contains(Role.NAVIGATOR);
    }

    private static boolean isStaff(CurrentUser user) {
        return user.roles().contains(Role.ADVISOR) || user.roles().contains(Role.ADMIN);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
