package cn.villagecounsel.api.booking;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

import org.bson.types.ObjectId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import cn.villagecounsel.api.booking.BookingViews.WaitlistView;
import cn.villagecounsel.api.booking.SlotCatalog.Placed;
import cn.villagecounsel.api.booking.WaitlistEntry.Status;
import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.ChinaTime;
import cn.villagecounsel.api.common.CurrentUser;
import reactor.core.publisher.Mono;

/**
 * The line for full slots. A place given back goes to the first in line, held for them on the slot under the
 * entry's id; they accept it (it becomes their booking), or it passes on when they leave or their time runs
 * out. Only when nobody waits does it go back to everyone.
 */
@Component
class Waitlist {

    private static final int SWEEP_BATCH = 100;

    private final ReactiveMongoTemplate mongo;
    private final SlotCatalog catalog;
    private final BookingNotices notices;
    private final BookingProperties properties;
    private final Clock clock;

    Waitlist(ReactiveMongoTemplate mongo, SlotCatalog catalog, BookingNotices notices, BookingProperties properties,
            Clock clock) {
        this.mongo = mongo;
        this.catalog = catalog;
        this.notices = notices;
        this.properties = properties;
        this.clock = clock;
    }

    /** Puts the applicant in line for a full slot. */
    Mono<WaitlistView> join(Placed placed, Applicant applicant) {
        Slot slot = placed.slot();
        if (!catalog.opensFor(slot, clock.instant())) {
            return Mono.error(BookingProblems.tooLate());
        }
        if (slot.remaining() > 0) {
            return Mono.error(BookingProblems.slotAvailable());
        }
        Instant now = clock.instant();
        WaitlistEntry entry = new WaitlistEntry(new ObjectId().toHexString(), slot.id(), slot.sessionId(),
                slot.startAt(), slot.endAt(), placed.session().place(), applicant, Status.WAITING,
                Booking.activeKey(slot.id(), applicant.personKey()), applicant.bookedBy(), null, null, null, now, now);
        return mongo.exists(query(where("activeKey").is(entry.activeKey())), Booking.class)
                .flatMap(booked -> booked ? Mono.error(BookingProblems.alreadyBooked())
                        : mongo.count(query(where("bookedBy").is(applicant.bookedBy())
                                .and("status").in(Status.WAITING, Status.OFFERED)), WaitlistEntry.class))
                .flatMap(waiting -> waiting >= properties.maxWaiting()
                        ? Mono.<WaitlistEntry>error(BookingProblems.limitReached(properties.maxWaiting()))
                        : mongo.insert(entry))
                .onErrorMap(DuplicateKeyException.class, duplicate -> BookingProblems.alreadyWaiting())
                .flatMap(this::view);
    }

    Mono<List<WaitlistView>> mine(CurrentUser user) {
        return mongo.find(query(new Criteria().orOperator(where("bookedBy").is(user.id()),
                                where("applicant.personUserId").is(user.id())))
                        .with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(50), WaitlistEntry.class)
                .concatMap(this::view)
                .collectList();
    }

    /** Leaves the line; a place already offered passes on. */
    Mono<WaitlistView> leave(CurrentUser user, String id) {
        return own(user, id)
                .flatMap(entry -> mongo.findAndModify(query(where("_id").is(id).and("status").in(Status.WAITING, Status.OFFERED)),
                                new Update().set("status", Status.LEFT).unset("activeKey").set("updatedAt", clock.instant()),
                                FindAndModifyOptions.options().returnNew(true), WaitlistEntry.class)
                        .flatMap(left -> giveBack(left.slotId(), left.id()).thenReturn(left))
                        .switchIfEmpty(Mono.defer(() -> mongo.findById(id, WaitlistEntry.class))))
                .flatMap(this::view);
    }

    /** The user's entry with a place offered and still held for them; 409 {@code OFFER_EXPIRED} otherwise. */
    Mono<WaitlistEntry> ownOffer(CurrentUser user, String id) {
        return own(user, id).flatMap(entry -> entry.status() == Status.OFFERED
                && entry.offerExpiresAt().isAfter(clock.instant()) ? Mono.just(entry)
                : Mono.error(BookingProblems.offerExpired()));
    }

    Mono<Void> accepted(WaitlistEntry entry, String bookingId) {
        return mongo.updateFirst(query(where("_id").is(entry.id())),
                new Update().set("status", Status.ACCEPTED).unset("activeKey").set("bookingId", bookingId)
                        .set("updatedAt", clock.instant()), WaitlistEntry.class).then();
    }

    /** The offered person cannot take the place: they leave the line and it passes on. */
    Mono<Void> decline(WaitlistEntry entry) {
        return mongo.updateFirst(query(where("_id").is(entry.id()).and("status").is(Status.OFFERED)),
                        new Update().set("status", Status.LEFT).unset("activeKey").set("updatedAt", clock.instant()),
                        WaitlistEntry.class)
                .flatMap(result -> result.getModifiedCount() > 0 ? giveBack(entry.slotId(), entry.id()) : Mono.just(false))
                .then();
    }

    /**
     * Gives back the place {@code holderId} holds in the slot: to the first in line while there is time to
     * accept it, else to everyone. True when the holder had a place (so exactly one caller sees true).
     */
    Mono<Boolean> giveBack(String slotId, String holderId) {
        return catalog.find(slotId).flatMap(slot -> {
            Instant now = clock.instant();
            Instant deadline = earlier(now.plus(properties.offerTimeout()), slot.startAt().minus(properties.minNotice()));
            if (!deadline.isAfter(now) || !slot.heldBy(holderId)) {
                return catalog.release(slotId, holderId);
            }
            return mongo.findAndModify(query(where("slotId").is(slotId).and("status").is(Status.WAITING))
                                    .with(Sort.by("createdAt")),
                            new Update().set("status", Status.OFFERED).set("offeredAt", now)
                                    .set("offerExpiresAt", deadline).set("updatedAt", now),
                            FindAndModifyOptions.options().returnNew(true), WaitlistEntry.class)
                    .flatMap(offered -> catalog.transfer(slotId, holderId, offered.id())
                            .flatMap(passed -> passed
                                    ? notices.offered(offered).thenReturn(true)
                                    // someone else gave this place back first: the entry waits again
                                    : mongo.updateFirst(query(where("_id").is(offered.id()).and("status").is(Status.OFFERED)
                                                    .and("offeredAt").is(now)),
                                            new Update().set("status", Status.WAITING).unset("offeredAt")
                                                    .unset("offerExpiresAt"), WaitlistEntry.class)
                                            .thenReturn(false)))
                    .switchIfEmpty(Mono.defer(() -> catalog.release(slotId, holderId)));
        }).defaultIfEmpty(false);
    }

    /** Offers whose time ran out pass on to the next in line. */
    Mono<Long> expireOffers() {
        Instant now = clock.instant();
        return mongo.find(query(where("status").is(Status.OFFERED).and("offerExpiresAt").lte(now)).limit(SWEEP_BATCH),
                        WaitlistEntry.class)
                .concatMap(entry -> mongo.findAndModify(query(where("_id").is(entry.id()).and("status").is(Status.OFFERED)),
                                new Update().set("status", Status.EXPIRED).unset("activeKey").set("updatedAt", now),
                                WaitlistEntry.class)
                        .flatMap(expired -> giveBack(expired.slotId(), expired.id())))
                .count();
    }

    /** Everyone still in line for a cancelled session's slots drops out. */
    Mono<Void> closeSession(String sessionId) {
        return mongo.updateMulti(query(where("sessionId").is(sessionId).and("status").in(Status.WAITING, Status.OFFERED)),
                new Update().set("status", Status.EXPIRED).unset("activeKey").set("updatedAt", clock.instant()),
                WaitlistEntry.class).then();
    }

    private Mono<WaitlistEntry> own(CurrentUser user, String id) {
        return mongo.findById(id, WaitlistEntry.class)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("候补记录不存在。")))
                .flatMap(entry -> user.id().equals(entry.bookedBy()) || user.id().equals(entry.applicant().personUserId())
                        ? Mono.just(entry) : Mono.error(ApiProblem.forbidden("这不是您的候补，无权操作。")));
    }

    private Mono<WaitlistView> view(WaitlistEntry entry) {
        Mono<Integer> position = entry.status() != Status.WAITING ? Mono.just(0)
                : mongo.count(query(where("slotId").is(entry.slotId()).and("status").is(Status.WAITING)
                        .and("createdAt").lt(entry.createdAt())), WaitlistEntry.class).map(ahead -> ahead.intValue() + 1);
        return position.map(ahead -> new WaitlistView(entry.id(), entry.status(), entry.slotId(),
                ZonedDateTime.ofInstant(entry.startAt(), ChinaTime.ZONE).toLocalDate(), entry.startAt(),
                SlotCatalog.wallClock(entry.startAt()), SlotCatalog.wallClock(entry.endAt()),
                entry.applicant().topic(), ahead == 0 ? null : ahead,
                entry.status() == Status.OFFERED ? entry.offerExpiresAt() : null, entry.bookingId(), entry.createdAt()));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
