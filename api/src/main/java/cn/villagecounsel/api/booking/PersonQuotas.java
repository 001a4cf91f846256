package cn.villagecounsel.api.booking;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * The cap on a person's upcoming bookings, kept atomic without counting: a person's document lists the
 * bookings that hold a share of the cap with their end times, and a booking joins only while fewer than the
 * cap are listed. Ended bookings drop out on the next take; cancelling removes one by id, so a repeated
 * cancel removes nothing more.
 */
@Component
class PersonQuotas {

    @Document("booking_quotas")
    record Quota(@Id String id, List<Share> shares) {
    }

    record Share(String bookingId, Instant until) {
    }

    private final ReactiveMongoTemplate mongo;
    private final BookingProperties properties;
    private final Clock clock;

    PersonQuotas(ReactiveMongoTemplate mongo, BookingProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    /** Adds the booking to the person's shares; false when the person already has the maximum. */
    Mono<Boolean> take(String personKey, String bookingId, Instant until) {
        Criteria room = where("_id").is(personKey).and("shares." + (properties.maxActive() - 1)).exists(false);
        // the upsert also creates the person's document, so the conditional push below never has to
        return mongo.upsert(query(where("_id").is(personKey)),
                        new Update().pull("shares", query(where("until").lte(clock.instant())).getQueryObject()),
                        Quota.class)
                .then(mongo.updateFirst(query(room), new Update().push("shares", new Share(bookingId, until)), Quota.class))
                .map(result -> result.getModifiedCount() > 0);
    }

    Mono<Void> release(String personKey, String bookingId) {
        return mongo.updateFirst(query(where("_id").is(personKey)),
                new Update().pull("shares", query(where("bookingId").is(bookingId)).getQueryObject()), Quota.class).then();
    }
}
