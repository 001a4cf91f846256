package cn.villagecounsel.api.booking;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.villagecounsel.api.booking.Booking.Status;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs in every api instance: passes expired waitlist offers on, and finishes booking steps that a crash or a
 * lost connection left halfway once they are older than {@code repair-after} — a {@code HELD} booking is
 * confirmed or refused by whether its slot holds its place, a half-done move gives back the new place, a
 * left slot gets its place back. Each finishing step is conditional, so two instances sweeping at once do
 * each thing once.
 */
@Component
class BookingSweep {

    private static final Logger log = LoggerFactory.getLogger(BookingSweep.class);
    private static final int BATCH = 100;

    private final ReactiveMongoTemplate mongo;
    private final BookingService bookings;
    private final Waitlist waitlist;
    private final BookingProperties properties;
    private final Clock clock;

    BookingSweep(ReactiveMongoTemplate mongo, BookingService bookings, Waitlist waitlist, BookingProperties properties, Clock clock) {
        this.mongo = mongo;
        this.bookings = bookings;
        this.waitlist = waitlist;
        this.properties = properties;
        this.clock = clock;
    }

    /** Deferred: Spring subscribes to the same Mono at every tick. */
    @Scheduled(fixedDelayString = "${vc.booking.sweep-interval:30s}", initialDelayString = "${vc.booking.sweep-interval:30s}")
    Mono<Void> sweep() {
        return Mono.defer(this::sweepOnce)
                .onErrorResume(error -> {
                    log.warn("Booking sweep failed; the next run retries", error);
                    return Mono.empty();
                })
                .then();
    }

    Mono<Long> sweepOnce() {
        Instant stale = clock.instant().minus(properties.repairAfter());
        return Flux.concat(
                        waitlist.expireOffers(),
                        stale(where("status").is(Status.HELD), stale).concatMap(bookings::settleHeld).count(),
                        stale(where("moveTo").ne(null), stale).concatMap(this::undoMove).count(),
                        stale(where("leftSlotId").ne(null), stale).concatMap(this::finishLeaving).count())
                .reduce(0L, Long::sum);
    }

    private Flux<Booking> stale(Criteria unfinished, Instant before) {
        return mongo.find(query(unfinished.and("updatedAt").lt(before)).limit(BATCH), Booking.class);
    }

    /** A place still to give back; the session is recounted in case the unpin was the step that was lost. */
    private Mono<Void> finishLeaving(Booking booking) {
        String left = booking.leftSlotId();
        return bookings.finishLeaving(booking).then(bookings.recount(left.substring(0, left.lastIndexOf(Slot.SEPARATOR))));
    }

    /** A move that never switched the booking over: the place taken in the new slot goes back. */
    private Mono<Void> undoMove(Booking booking) {
        String target = booking.moveTo();
        String targetSession = target.substring(0, target.lastIndexOf(Slot.SEPARATOR));
        return mongo.updateFirst(query(where("_id").is(booking.id()).and("moveTo").is(target)),
                        new Update().unset("moveTo"), Booking.class)
                .filter(result -> result.getModifiedCount() > 0)
                .flatMap(cleared -> waitlist.giveBack(target, booking.id()))
                .then(bookings.recount(targetSession));
    }
}
