package cn.villagecounsel.api.booking;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.booking.Booking.Status;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.duty.BookableSession;
import cn.villagecounsel.api.duty.DutyKind;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The advisor's on-site hours in a village (the policy asks for 8 a quarter): an on-site session in which at
 * least one resident was seen counts its full length, once — the record's id is the session's, so marking a
 * second resident attended changes nothing, and correcting the last one to a no-show takes the hours back.
 * The work ledger reads these records.
 */
@Service
public class OnSiteHours {

    /** One session's hours. */
    @Document("onsite_hours")
    @CompoundIndex(name = "village_date", def = "{'villageCode': 1, 'date': 1}")
    @CompoundIndex(name = "advisor_date", def = "{'advisorId': 1, 'date': 1}")
    public record Entry(@Id String sessionId, String advisorId, String villageCode, String date, Instant startAt,
            Instant endAt, long minutes, String recordedBy, Instant recordedAt) {
    }

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    OnSiteHours(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Records or takes back the session's hours after an attendance change. */
    Mono<Void> attendanceChanged(BookableSession session, String by) {
        if (session.kind() != DutyKind.ON_SITE) {
            return Mono.empty();
        }
        return mongo.exists(query(where("sessionId").is(session.id()).and("status").is(Status.ATTENDED)), Booking.class)
                .flatMap(seen -> seen
                        ? mongo.upsert(query(where("_id").is(session.id())), new Update()
                                        .setOnInsert("advisorId", session.advisorId())
                                        .setOnInsert("villageCode", session.villageCode())
                                        .setOnInsert("date", session.date().toString())
                                        .setOnInsert("startAt", session.startAt())
                                        .setOnInsert("endAt", session.endAt())
                                        .setOnInsert("minutes", Duration.between(session.startAt(), session.endAt()).toMinutes())
                                        .setOnInsert("recordedBy", by)
                                        .setOnInsert("recordedAt", clock.instant()), Entry.class).then()
                        : mongo.remove(query(where("_id").is(session.id())), Entry.class).then());
    }

    /** Hours recorded in villages of a region on the days {@code from..to} (Beijing dates), by date. */
    public Flux<Entry> inRegion(String regionCode, LocalDate from, LocalDate to) {
        return mongo.find(query(where("villageCode").regex(Pattern.compile("^" + RegionCodes.prefixOf(regionCode)))
                .and("date").gte(from.toString()).lte(to.toString())), Entry.class);
    }
}
