package cn.villagecounsel.api.question;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.advisor.Assignments;
import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.LegalTopic;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.common.RegionLevel;
import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.question.CannedAnswer.Scope;
import cn.villagecounsel.api.question.CannedAnswerForms.CannedAnswerEdit;
import cn.villagecounsel.api.question.CannedAnswerForms.NewCannedAnswer;
import cn.villagecounsel.api.question.CannedAnswerProblems.Changed;
import cn.villagecounsel.api.question.CannedAnswerProblems.LimitReached;
import cn.villagecounsel.api.question.CannedAnswerViews.CannedAnswerView;
import cn.villagecounsel.api.region.RegionDirectory;
import cn.villagecounsel.api.region.RegionView;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Canned answers. Who reads what: an advisor their own personal ones and the shared ones of the township or county
 * of a village they serve today; an admin the shared ones inside their regions. Who changes what: the owner their
 * personal ones, an admin the shared ones inside their regions. Residents are refused (403); a canned answer the
 * user may not read does not exist for them (404).
 */
@Service
class CannedAnswerService {

    /** At most this many personal ones per advisor, and shared ones per region. */
    static final int MAX_PER_SHELF = 200;

    // Personal ones (no regionCode) first, then by region, the most recently edited first within each.
    private static final Sort ORDER = Sort.by(Sort.Order.asc("regionCode"), Sort.Order.desc("updatedAt"));

    private final ReactiveMongoTemplate mongo;
    private final Assignments assignments;
    private final RegionDirectory regions;
    private final Clock clock;

    CannedAnswerService(ReactiveMongoTemplate mongo, Assignments assignments, RegionDirectory regions, Clock clock) {
        this.mongo = mongo;
        this.assignments = assignments;
        this.regions = regions;
        this.clock = clock;
    }

    Flux<CannedAnswerView> list(CurrentUser user, String topicName) {
        return reach(user)
                .flatMap(reach -> readableWith(reach, topicName)
                        .flatMap(criteria -> mongo.find(query(criteria).with(ORDER), CannedAnswer.class).collectList())
                        .flatMap(found -> views(reach, found)))
                .flatMapIterable(views -> views);
    }

    private static Mono<Criteria> readableWith(Reach reach, String topicName) {
        if (topicName == null) {
            return Mono.just(reach.readable());
        }
        return Mono.justOrEmpty(CannedAnswerForms.topicOf(topicName))
                .map(topic -> new Criteria().andOperator(reach.readable(), where("topic").is(topic)))
                .switchIfEmpty(Mono.error(() -> ApiProblem.invalid("topic", "咨询事项 " + topicName + " 不在可选范围内。")));
    }

    Mono<CannedAnswerView> create(CurrentUser user, NewCannedAnswer form) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return reach(user).flatMap(reach -> (form.scope() == Scope.PERSONAL ? personal(user, form, now)
                        : shared(user, form, now))
                .flatMap(mongo::insert)
                .flatMap(this::withinLimit)
                .flatMap(saved -> view(reach, saved)));
    }

    private Mono<CannedAnswer> personal(CurrentUser user, NewCannedAnswer form, Instant now) {
        if (!user.roles().contains(Role.ADVISOR)) {
            return Mono.error(ApiProblem.forbidden("只有法律顾问可以编写个人常用回复；管理员请编写共享的常用回复。"));
        }
        if (form.regionCode() != null) {
            return Mono.error(ApiProblem.invalid("regionCode", "个人常用回复不属于任何区划，请不要填写区划。"));
        }
        return Mono.just(draft(Scope.PERSONAL, user.id(), null, user, form, now));
    }

    private Mono<CannedAnswer> shared(CurrentUser user, NewCannedAnswer form, Instant now) {
        if (!user.roles().contains(Role.ADMIN)) {
            return Mono.error(ApiProblem.forbidden("共享的常用回复由司法所、司法局管理员编写；法律顾问请编写个人常用回复。"));
        }
        String code = form.regionCode();
        if (code == null) {
            return Mono.error(ApiProblem.invalid("regionCode", "请选择共享到哪个乡镇（街道）或县（区）。"));
        }
        RegionLevel level = RegionCodes.levelOf(code);
        if (level != RegionLevel.TOWNSHIP && level != RegionLevel.COUNTY) {
            return Mono.error(ApiProblem.invalid("regionCode", "共享的常用回复只能属于乡镇（街道）或县（区）。"));
        }
        if (!user.mayActIn(code)) {
            return Mono.error(ApiProblem.forbidden("该区划不在您的管辖范围内。"));
        }
        return regions.find(code)
                .switchIfEmpty(Mono.error(() -> ApiProblem.invalid("regionCode", "区划 " + code + " 不存在。")))
                .map(region -> draft(Scope.SHARED, null, code, user, form, now));
    }

    private static CannedAnswer draft(Scope scope, String ownerId, String regionCode, CurrentUser user,
            NewCannedAnswer form, Instant now) {
        return new CannedAnswer(null, scope, ownerId, regionCode, form.title().strip(), form.text().strip(),
                topicOf(form.topic()), user.id(), now, now, 0);
    }

    /**
     * Keeps the new one if its shelf (the owner's personal ones, or the region's shared ones) now holds at most
     * {@link #MAX_PER_SHELF}, else takes it back. Counting after the insert needs no lock and never lets a shelf grow
     * past the limit: of two saves racing for the last place, one or both are refused, never both kept.
     */
    private Mono<CannedAnswer> withinLimit(CannedAnswer saved) {
        Criteria shelf = saved.scope() == Scope.PERSONAL ? where("ownerId").is(saved.ownerId())
                : where("regionCode").is(saved.regionCode());
        return mongo.count(query(shelf), CannedAnswer.class)
                .flatMap(count -> count <= MAX_PER_SHELF ? Mono.just(saved)
                        : mongo.remove(saved).then(Mono.error(new LimitReached(saved.scope()))));
    }

    Mono<CannedAnswerView> update(CurrentUser user, String id, CannedAnswerEdit form) {
        Update update = new Update().set("title", form.title().strip()).set("text", form.text().strip())
                .set("topic", topicOf(form.topic())).set("updatedAt", clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .inc("revision", 1);
        return reach(user).flatMap(reach -> manageable(reach, id)
                .flatMap(seen -> mongo.findAndModify(query(where("_id").is(id).and("revision").is(form.revision())),
                                update, FindAndModifyOptions.options().returnNew(true), CannedAnswer.class)
                        // No match: deleted meanwhile (404), or edited since the client read it (409).
                        .switchIfEmpty(Mono.defer(() -> mongo.exists(query(where("_id").is(id)), CannedAnswer.class)
                                .flatMap(exists -> Mono.error(exists ? new Changed() : notFound())))))
                .flatMap(saved -> view(reach, saved)));
    }

    Mono<Void> delete(CurrentUser user, String id) {
        return reach(user).flatMap(reach -> manageable(reach, id))
                .flatMap(found -> mongo.remove(query(where("_id").is(id)), CannedAnswer.class))
                .then();
    }

    /**
     * The canned answer {@code cannedId} if {@code user} may use it: their own personal one, or a shared one of a
     * region they read (see the class comment). Fails with 404 otherwise, and with 403 for anybody but staff.
     */
    Mono<CannedAnswer> usableBy(CurrentUser user, String cannedId) {
        return reach(user).flatMap(reach -> find(cannedId).filter(reach::reads))
                .switchIfEmpty(Mono.error(CannedAnswerService::notFound));
    }

    /** What a staff member reaches: {@code served} holds the township and county codes of the villages they serve. */
    private record Reach(CurrentUser user, Set<String> served) {

        boolean manages(CannedAnswer canned) {
            return canned.scope() == Scope.PERSONAL ? user.id().equals(canned.ownerId())
                    : user.roles().contains(Role.ADMIN) && user.mayActIn(canned.regionCode());
        }

        boolean reads(CannedAnswer canned) {
            return manages(canned) || canned.scope() == Scope.SHARED && served.contains(canned.regionCode());
        }

        /** {@link #reads} as a query. */
        Criteria readable() {
            List<Criteria> any = new ArrayList<>();
            any.add(where("ownerId").is(user.id()));
            any.add(where("regionCode").in(served));
            if (user.roles().contains(Role.ADMIN)) {
                for (String region : user.regions()) {
                    String prefix = RegionCodes.prefixOf(region);
                    // Digits sort before ':', so this range holds exactly the codes that start with the prefix.
                    any.add(where("regionCode").gte(prefix).lt(prefix + ":"));
                }
            }
            return new Criteria().orOperator(any);
        }
    }

    private Mono<Reach> reach(CurrentUser user) {
        if (!user.roles().contains(Role.ADVISOR) && !user.roles().contains(Role.ADMIN)) {
            return Mono.error(ApiProblem.forbidden("常用回复只供法律顾问和司法行政工作人员使用。"));
        }
        if (!user.roles().contains(Role.ADVISOR)) {
            return Mono.just(new Reach(user, Set.of()));
        }
        return assignments.advisorIdOfUser(user.id())
                .flatMapMany(assignments::villagesServedBy)
                .flatMapIterable(village -> {
                    String township = RegionCodes.parentOf(village);
                    return List.of(township, RegionCodes.parentOf(township));
                })
                .collect(Collectors.toSet())
                .map(served -> new Reach(user, served));
    }

    /** The canned answer if {@code reach} may change it; 403 for one it only reads, 404 for one it does not see. */
    private Mono<CannedAnswer> manageable(Reach reach, String id) {
        return find(id).flatMap(canned -> reach.manages(canned) ? Mono.just(canned)
                : reach.reads(canned)
                        ? Mono.error(ApiProblem.forbidden("共享的常用回复由所属区划的管理员维护，您可以套用，但不能修改或删除。"))
                        : Mono.error(notFound()));
    }

    private Mono<CannedAnswer> find(String id) {
        return mongo.findById(id, CannedAnswer.class).switchIfEmpty(Mono.error(CannedAnswerService::notFound));
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("常用回复不存在。");
    }

    private static LegalTopic topicOf(String name) {
        return name == null ? null : CannedAnswerForms.topicOf(name).orElseThrow();
    }

    private Mono<CannedAnswerView> view(Reach reach, CannedAnswer canned) {
        return views(reach, List.of(canned)).map(list -> list.get(0));
    }

    /** Views with one look-up for the names of all the regions. */
    private Mono<List<CannedAnswerView>> views(Reach reach, List<CannedAnswer> found) {
        List<String> codes = found.stream().map(CannedAnswer::regionCode).filter(Objects::nonNull).distinct()
                .toList();
        return regions.describe(codes)
                .map(described -> described.stream().collect(Collectors.toMap(RegionView::code, RegionView::name)))
                .map(names -> found.stream().map(canned -> toView(reach, canned, names)).toList());
    }

    private static CannedAnswerView toView(Reach reach, CannedAnswer canned, Map<String, String> regionNames) {
        LegalTopic topic = canned.topic();
        return new CannedAnswerView(canned.id(), canned.scope(), canned.scope().label(), canned.regionCode(),
                canned.regionCode() == null ? null : regionNames.get(canned.regionCode()), canned.title(),
                canned.text(), topic, topic == null ? null : topic.label(), canned.createdBy(), canned.createdAt(),
                canned.updatedAt(), canned.revision(), reach.manages(canned));
    }
}
