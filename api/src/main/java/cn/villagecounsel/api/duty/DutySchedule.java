package cn.villagecounsel.api.duty;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.advisor.Assignments;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.common.RegionLevel;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The read side of duty schedules for other features: the notice board (upcoming sessions, desk duty lines)
 * and the coverage dashboard (on-site sessions per village). No access checks: everything here is public, like
 * the paper notice on the village wall.
 */
@Service
public class DutySchedule {

    /** Sessions shown to the public: planned ones and those kept for their bookings. */
    static final List<DutyStatus> HELD = List.of(DutyStatus.PLANNED, DutyStatus.DETACHED);
    private static final int MAX_CARDS = 500;

    private final ReactiveMongoTemplate mongo;
    private final Assignments assignments;
    private final DutyCalendar calendar;

    DutySchedule(ReactiveMongoTemplate mongo, Assignments assignments, DutyCalendar calendar) {
        this.mongo = mongo;
        this.assignments = assignments;
        this.calendar = calendar;
    }

    /**
     * The village's on-site sessions and the desk sessions at its township and county stations on the days
     * {@code from..to} (inclusive, Beijing dates), planned or kept for bookings, by start time; at most 500.
     */
    public Flux<DutySessionCard> upcoming(String villageCode, LocalDate from, LocalDate to) {
        if (!RegionCodes.isValid(villageCode) || RegionCodes.levelOf(villageCode) != RegionLevel.VILLAGE
                || to.isBefore(from)) {
            return Flux.empty();
        }
        Criteria where = new Criteria().andOperator(
                where("startAt").gte(DutyCalendar.startOfDay(from)).lt(DutyCalendar.startOfDay(to.plusDays(1))),
                where("status").in(HELD),
                new Criteria().orOperator(
                        where("kind").is(DutyKind.ON_SITE).and("villageCode").is(villageCode),
                        where("kind").is(DutyKind.DESK).and("stationCode").in(stationsCovering(villageCode))));
        return mongo.find(query(where).with(Sort.by("startAt")).limit(MAX_CARDS), DutySession.class)
                .collectList()
                .flatMapMany(sessions -> assignments.names(sessions.stream().map(DutySession::advisorId).distinct().toList())
                        .flatMapIterable(names -> sessions.stream()
                                .map(session -> new DutySessionCard(session.id(), session.day(), session.startAt(),
                                        session.endAt(), DutyCalendar.wallClock(session.startAt()),
                                        DutyCalendar.wallClock(session.endAt()), session.kind(), session.place(),
                                        session.mode(), names.get(session.advisorId()), session.status()))
                                .toList()));
    }

    /**
     * The desk duties (坐班) at the village's township and county stations that have not ended, township first,
     * e.g. {@code 王芳 · 山河镇公共法律服务工作站 · 每周一至周五 09:00–12:00}.
     */
    public Flux<DeskDutyLine> deskDuty(String villageCode) {
        if (!RegionCodes.isValid(villageCode) || RegionCodes.levelOf(villageCode) != RegionLevel.VILLAGE) {
            return Flux.empty();
        }
        LocalDate today = calendar.today();
        return mongo.find(query(where("kind").is(DutyKind.DESK).and("stationCode").in(stationsCovering(villageCode))
                        .and("validUntil").gte(today.toString())), DutyRule.class)
                .collectList()
                .flatMapMany(rules -> assignments.names(rules.stream().map(DutyRule::advisorId).distinct().toList())
                        .flatMapIterable(names -> rules.stream()
                                // township before county, then by time of day
                                .sorted(Comparator.comparing(DutyRule::stationCode).reversed()
                                        .thenComparing(DutyRule::startTime)
                                        .thenComparing(DutyRule::id))
                                .map(rule -> new DeskDutyLine(names.get(rule.advisorId()), rule.place(),
                                        DutyCalendar.describe(rule)))
                                .toList()));
    }

    /**
     * How many on-site sessions (planned or kept for bookings, past ones included) each village has on the days
     * {@code from..to}; every requested village is in the map, with 0 when it has none.
     */
    public Mono<Map<String, Long>> onSiteSessionsCount(Collection<String> villageCodes, LocalDate from, LocalDate to) {
        Map<String, Long> counts = new LinkedHashMap<>();
        villageCodes.forEach(code -> counts.put(code, 0L));
        if (villageCodes.isEmpty() || to.isBefore(from)) {
            return Mono.just(counts);
        }
        Aggregation aggregation = Aggregation.newAggregation(
                Aggregation.match(where("kind").is(DutyKind.ON_SITE.name())
                        .and("villageCode").in(counts.keySet())
                        .and("status").in(HELD.stream().map(Enum::name).toList())
                        .and("startAt").gte(DutyCalendar.startOfDay(from)).lt(DutyCalendar.startOfDay(to.plusDays(1)))),
                Aggregation.group("villageCode").count().as("count"));
        return mongo.aggregate(aggregation, DutySession.class, Document.class)
                .doOnNext(row -> counts.put(row.getString("_id"), ((Number) row.get("count")).longValue()))
                .then(Mono.fromSupplier(() -> counts));
    }

    /** The codes of the township and county whose stations serve a village. */
    static List<String> stationsCovering(String villageCode) {
        return List.of(villageCode.substring(0, 9) + "000", villageCode.substring(0, 6) + "000000");
    }
}
