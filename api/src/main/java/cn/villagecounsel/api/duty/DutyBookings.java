package cn.villagecounsel.api.duty;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the booking feature needs from duty sessions. A booking <em>pins</em> its session ({@code bookedCount}
 * up) before it takes a place and unpins it after giving the place back, so the count never falls below the
 * bookings that exist and a rule change never deletes or moves a booked session (see {@link SessionPlanner}).
 */
@Service
public class DutyBookings {

    private static final int MAX_SESSIONS = 1000;

    private final ReactiveMongoTemplate mongo;

    DutyBookings(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The sessions a resident of the village can book between two instants: on site in the village, and at the
     * desks of its township and county stations; held ones only, by start.
     */
    public Flux<BookableSession> bookableFor(String villageCode, Instant from, Instant to) {
        Criteria where = new Criteria().andOperator(
                where("startAt").gte(from).lt(to),
                where("status").in(DutySchedule.HELD),
                new Criteria().orOperator(
                        where("kind").is(DutyKind.ON_SITE).and("villageCode").is(villageCode),
                        where("kind").is(DutyKind.DESK).and("stationCode")
                                .in(DutySchedule.stationsCovering(villageCode))));
        return mongo.find(query(where).with(Sort.by("startAt")).limit(MAX_SESSIONS), DutySession.class)
                .map(BookableSession::of);
    }

    /** One advisor's sessions (any status) starting between two instants, by start. */
    public Flux<BookableSession> ofAdvisor(String advisorId, Instant from, Instant to) {
        return mongo.find(query(where("advisorId").is(advisorId).and("startAt").gte(from).lt(to))
                        .with(Sort.by("startAt")).limit(MAX_SESSIONS), DutySession.class)
                .map(BookableSession::of);
    }

    public Mono<BookableSession> find(String sessionId) {
        return mongo.findById(sessionId, DutySession.class).map(BookableSession::of);
    }

    /**
     * Counts one more booking on the session if it is still held at the given times; empty when it was
     * cancelled, deleted or moved in the meantime.
     */
    public Mono<BookableSession> pin(String sessionId, Instant startAt, Instant endAt) {
        return mongo.findAndModify(
                        query(where("_id").is(sessionId).and("status").in(DutySchedule.HELD)
                                .and("startAt").is(startAt).and("endAt").is(endAt)),
                        new Update().inc("bookedCount", 1), FindAndModifyOptions.options().returnNew(true),
                        DutySession.class)
                .map(BookableSession::of);
    }

    /** Counts one booking less, never below zero. */
    public Mono<Void> unpin(String sessionId) {
        return mongo.updateFirst(query(where("_id").is(sessionId).and("bookedCount").gt(0)),
                new Update().inc("bookedCount", -1), DutySession.class).then();
    }

    /** Sets the count from the bookings themselves, after a crash left it too high. */
    public Mono<Void> recount(String sessionId, int bookings) {
        return mongo.updateFirst(query(where("_id").is(sessionId)), Update.update("bookedCount", bookings),
                DutySession.class).then();
    }
}
