package cn.villagecounsel.api.booking;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.types.ObjectId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.booking.Booking.Consent;
import cn.villagecounsel.api.booking.Booking.Event;
import cn.villagecounsel.api.booking.Booking.Status;
import cn.villagecounsel.api.booking.BookingForms.BookingForm;
import cn.villagecounsel.api.booking.BookingForms.RescheduleForm;
import cn.villagecounsel.api.booking.BookingViews.BookingView;
import cn.villagecounsel.api.booking.SlotCatalog.Placed;
import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.FieldCipher;
import cn.villagecounsel.api.common.IdempotencyKeys;
import cn.villagecounsel.api.common.RandomIds;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.duty.BookableSession;
import cn.villagecounsel.api.duty.DutyBookings;
import cn.villagecounsel.api.duty.DutyKind;
import cn.villagecounsel.api.duty.DutyMode;
import reactor.core.publisher.Mono;

/**
 * Residents' side of booking: book, read, cancel, reschedule, and accept a waitlist offer. No transactions:
 * each step is one conditional update, in an order that never lets a place be sold twice or lost —
 * <ol>
 * <li>the person's share of the cap ({@link PersonQuotas});</li>
 * <li>the booking stored {@code HELD}, its {@code activeKey} refusing a second booking of the person in the
 * slot;</li>
 * <li>the session pinned, so a rule change keeps it;</li>
 * <li>the place taken on the slot ({@code remaining > 0} → decrement);</li>
 * <li>the booking {@code CONFIRMED}.</li>
 * </ol>
 * Each failure undoes the steps before it; a crash between steps leaves a {@code HELD} booking (or a
 * {@code moveTo}/{@code leftSlotId} mark) that {@link BookingSweep} finishes.
 */
@Service
class BookingService {

    private static final int MAX_MINE = 100;

    /** A booking and whether this request made it (201) or found it (200). */
    record Booked(BookingView booking, boolean created) {
    }

    private final ReactiveMongoTemplate mongo;
    private final SlotCatalog catalog;
    private final PersonQuotas quotas;
    private final DutyBookings sessions;
    private final Waitlist waitlist;
    private final BookingAccess access;
    private final BookingPresenter presenter;
    private final BookingNotices notices;
    private final FieldCipher cipher;
    private final BookingProperties properties;
    private final Clock clock;

    BookingService(ReactiveMongoTemplate mongo, SlotCatalog catalog, PersonQuotas quotas, DutyBookings sessions,
            Waitlist waitlist, BookingAccess access, BookingPresenter presenter, BookingNotices notices,
            FieldCipher cipher, BookingProperties properties, Clock clock) {
        this.mongo = mongo;
        this.catalog = catalog;
        this.quotas = quotas;
        this.sessions = sessions;
        this.waitlist = waitlist;
        this.access = access;
        this.presenter = presenter;
        this.notices = notices;
        this.cipher = cipher;
        this.properties = properties;
        this.clock = clock;
    }

    // ---- booking ----

    Mono<Booked> book(CurrentUser user, String idempotencyKey, BookingForm form) {
        return toTheEnd(requireKey(idempotencyKey)
                .then(replay(user, idempotencyKey))
                .switchIfEmpty(Mono.defer(() -> catalog.place(form.slotId())
                        .flatMap(placed -> checkOpen(placed)
                                .then(applicant(user, form, placed.session()))
                                .flatMap(applicant -> create(placed, applicant, idempotencyKey, null))))));
    }

    /**
     * Runs a multi-step change to its end even when the client goes away: WebFlux cancels a request's chain when
     * the connection closes, which would stop it between two steps (the sweep would finish it a minute later;
     * meanwhile a place could look taken). The answer is dropped, the work is not.
     */
    private static <T> Mono<T> toTheEnd(Mono<T> steps) {
        return Mono.defer(() -> Mono.fromFuture(steps.toFuture(), true));
    }

    private Mono<Booked> replay(CurrentUser user, String idempotencyKey) {
        return mongo.findOne(query(where("requestKey").is(Booking.requestKey(user.id(), idempotencyKey))), Booking.class)
                // a request still in flight (a double tap) is not settled under its feet: only one left for dead
                .flatMap(found -> found.status() != Status.HELD ? Mono.just(found)
                        : found.updatedAt().isBefore(clock.instant().minus(properties.repairAfter())) ? settleHeld(found)
                        : Mono.error(BookingProblems.busy()))
                .flatMap(found -> found.status() == Status.REFUSED
                        ? Mono.error(BookingProblems.slotFull())
                        : presenter.view(found, user, false).map(view -> new Booked(view, false)));
    }

    /**
     * Stores and confirms a booking of {@code applicant} in the placed slot. With {@code offeredBy} (a waitlist
     * entry's id) the place the entry holds passes to the booking instead of a free place being taken.
     */
    Mono<Booked> create(Placed placed, Applicant applicant, String idempotencyKey, String offeredBy) {
        Slot slot = placed.slot();
        BookableSession session = placed.session();
        String id = new ObjectId().toHexString();
        Instant now = clock.instant();
        Booking held = new Booking(id, slot.id(), session.id(), session.advisorId(), session.kind(),
                applicant.villageCode(), session.stationCode(), session.place(), slot.startAt(), slot.endAt(),
                applicant.mode(), applicant.topic(), applicant.description(), Status.HELD, applicant.personKey(),
                applicant.personUserId(), applicant.personName(), applicant.personPhone(), applicant.bookedBy(),
                applicant.bookedByName(), applicant.forNeighbour(), applicant.consent(),
                applicant.forNeighbour() ? RandomIds.readable(8) : null,
                Booking.requestKey(applicant.bookedBy(), idempotencyKey),
                Booking.activeKey(slot.id(), applicant.personKey()), null, null, null, null, null, null, null, null,
                null, List.of(new Event("BOOKED", applicant.bookedBy(), null, now, null)), now, now);
        // already booked in this slot is the better answer than a full slot or the cap; the unique index still
        // decides below. A slot read as full a moment ago cannot take anyone: no write is tried (the 995 of a
        // 1,000-person race end here).
        return mongo.exists(query(where("activeKey").is(held.activeKey())), Booking.class)
                .flatMap(booked -> booked ? Mono.error(BookingProblems.alreadyBooked())
                        : offeredBy == null && slot.remaining() <= 0 ? Mono.error(BookingProblems.slotFull())
                        : quotas.take(applicant.personKey(), id, slot.endAt()))
                .flatMap(taken -> taken ? Mono.just(held) : Mono.error(BookingProblems.limitReached(properties.maxActive())))
                .flatMap(booking -> mongo.insert(booking)
                        .onErrorResume(DuplicateKeyException.class, duplicate -> quotas.release(applicant.personKey(), id)
                                .then(mongo.findOne(query(where("requestKey").is(held.requestKey())), Booking.class))
                                // not a replay: the person already has this slot
                                .switchIfEmpty(Mono.error(BookingProblems.alreadyBooked()))
                                .flatMap(earlier -> Mono.error(new Replayed(earlier)))))
                .flatMap(booking -> sessions.pin(session.id(), slot.sessionStartAt(), slot.sessionEndAt())
                        .switchIfEmpty(Mono.defer(() -> refuse(booking).then(Mono.error(SlotCatalog.sessionChanged()))))
                        .flatMap(pinned -> (offeredBy == null ? catalog.take(slot.id(), id)
                                : catalog.transfer(slot.id(), offeredBy, id))
                                .flatMap(placeTaken -> placeTaken ? confirm(booking)
                                        : sessions.unpin(session.id()).then(refuse(booking))
                                                .then(Mono.error(offeredBy == null ? BookingProblems.slotFull()
                                                        : BookingProblems.offerExpired())))))
                .flatMap(confirmed -> presenter.view(confirmed, userOf(applicant), false)
                        .map(view -> new Booked(view, true)))
                .onErrorResume(Replayed.class, replayed -> switch (replayed.booking.status()) {
                    // the same key sent twice at once: the other request is still at work
                    case HELD -> Mono.error(BookingProblems.busy());
                    case REFUSED -> Mono.error(BookingProblems.slotFull());
                    default -> presenter.view(replayed.booking, userOf(applicant), false).map(view -> new Booked(view, false));
                });
    }

    /** Raised inside {@link #create} when the idempotency key finds an earlier booking. */
    private static final class Replayed extends RuntimeException {

        private final transient Booking booking;

        Replayed(Booking booking) {
            super(null, null, false, false);
            this.booking = booking;
        }
    }

    private Mono<Booking> confirm(Booking booking) {
        return mongo.findAndModify(query(where("_id").is(booking.id()).and("status").is(Status.HELD)),
                        new Update().set("status", Status.CONFIRMED).set("updatedAt", clock.instant()),
                        FindAndModifyOptions.options().returnNew(true), Booking.class)
                .flatMap(confirmed -> notices.confirmed(confirmed).thenReturn(confirmed))
                .switchIfEmpty(Mono.defer(() -> mongo.findById(booking.id(), Booking.class)
                        .flatMap(current -> current.status() != Status.REFUSED ? Mono.just(current)
                                // refused meanwhile (by the sweep, as left for dead): the place it took goes back
                                : catalog.release(current.slotId(), current.id())
                                        .flatMap(released -> released ? sessions.unpin(current.sessionId()) : Mono.empty())
                                        .then(Mono.error(BookingProblems.slotFull())))));
    }

    private Mono<Void> refuse(Booking booking) {
        return mongo.updateFirst(query(where("_id").is(booking.id()).and("status").is(Status.HELD)),
                        new Update().set("status", Status.REFUSED).unset("activeKey").set("updatedAt", clock.instant()),
                        Booking.class)
                .then(quotas.release(booking.personKey(), booking.id()));
    }

    /**
     * Settles a booking left {@code HELD}: confirmed if its slot holds a place for it, else refused (the
     * session's count, possibly pinned, is recounted).
     */
    Mono<Booking> settleHeld(Booking booking) {
        return catalog.holds(booking.slotId(), booking.id())
                .flatMap(holds -> holds ? confirm(booking)
                        : refuse(booking).then(recount(booking.sessionId()))
                                .then(mongo.findById(booking.id(), Booking.class)));
    }

    Mono<Void> recount(String sessionId) {
        return mongo.count(query(where("sessionId").is(sessionId)
                        .and("status").in(Status.HELD, Status.CONFIRMED, Status.ATTENDED, Status.NO_SHOW)), Booking.class)
                .flatMap(count -> sessions.recount(sessionId, count.intValue()));
    }

    private Mono<Void> checkOpen(Placed placed) {
        Instant now = clock.instant();
        if (!placed.slot().startAt().minus(properties.minNotice()).isAfter(now)) {
            return Mono.error(BookingProblems.tooLate());
        }
        if (placed.slot().startAt().isAfter(now.plus(properties.horizon()))) {
            return Mono.error(BookingProblems.notOpen(properties.horizon().toDays()));
        }
        return Mono.empty();
    }

    /** Checks who books for whom, in which village and how; the person's details ready to store. */
    Mono<Applicant> applicant(CurrentUser user, BookingForm form, BookableSession session) {
        boolean resident = user.roles().contains(Role.RESIDENT) || user.roles().contains(Role.NAVIGATOR);
        if (!resident) {
            return Mono.error(ApiProblem.forbidden("只有群众或法律明白人可以预约咨询。"));
        }
        String village;
        if (session.kind() == DutyKind.ON_SITE) {
            if (form.villageCode() != null && !form.villageCode().equals(session.villageCode())) {
                return Mono.error(ApiProblem.invalid("villageCode", "该时段是其他村（社区）的驻村值班。"));
            }
            village = session.villageCode();
        } else {
            if (form.villageCode() == null) {
                return Mono.error(ApiProblem.invalid("villageCode", "请填写您所在的村（社区）。"));
            }
            if (!RegionCodes.covers(session.stationCode(), form.villageCode())) {
                return Mono.error(ApiProblem.invalid("villageCode", "该坐班地点不服务您所在的村（社区）。"));
            }
            village = form.villageCode();
        }
        if (!SlotCatalog.offeredModes(session.mode()).contains(form.mode())) {
            return Mono.error(ApiProblem.invalid("mode", "该时段不提供这种咨询方式，请重新选择。"));
        }
        Instant now = clock.instant();
        if (form.forNeighbour() != null) {
            if (!user.roles().contains(Role.NAVIGATOR) || !user.regions().contains(village)) {
                return Mono.error(ApiProblem.forbidden("只有本村（社区）的法律明白人可以为邻居代约。"));
            }
            var neighbour = form.forNeighbour();
            return Mono.just(new Applicant(village, form.topic(), form.description().strip(), form.mode(),
                    "p:" + cipher.fingerprint(neighbour.phone().replace("-", "")), null, neighbour.name().strip(),
                    cipher.encrypt(neighbour.phone()), user.id(), user.name(), true,
                    new Consent(neighbour.consent().method(), blankToNull(neighbour.consent().note()), now)));
        }
        if (form.mode() == DutyMode.PHONE && form.contactPhone() == null) {
            return Mono.error(ApiProblem.invalid("contactPhone", "电话咨询请留下联系电话。"));
        }
        String name = blankToNull(form.contactName()) != null ? form.contactName().strip() : user.name();
        return Mono.just(new Applicant(village, form.topic(), form.description().strip(), form.mode(), "u:" + user.id(),
                user.id(), name, form.contactPhone() == null ? null : cipher.encrypt(form.contactPhone()), user.id(),
                user.name(), false, null));
    }

    // ---- reading ----

    Mono<BookingView> get(CurrentUser user, String id) {
        return load(id).flatMap(booking -> access.readable(user, booking))
                .flatMap(booking -> presenter.view(booking, user, !BookingAccess.isParty(user, booking)));
    }

    /** The user's bookings and those they made for neighbours: upcoming first (soonest first), then past. */
    Mono<List<BookingView>> mine(CurrentUser user) {
        Criteria mine = new Criteria().orOperator(where("bookedBy").is(user.id()), where("personUserId").is(user.id()));
        return mongo.find(query(new Criteria().andOperator(mine,
                                where("status").in(Status.CONFIRMED, Status.CANCELLED, Status.ATTENDED, Status.NO_SHOW)))
                        .with(Sort.by(Sort.Direction.DESC, "startAt")).limit(MAX_MINE), Booking.class)
                .collectList()
                .map(found -> {
                    Instant now = clock.instant();
                    List<Booking> ordered = new ArrayList<>(found.stream()
                            .filter(booking -> booking.endAt().isAfter(now)).sorted((a, b) -> a.startAt().compareTo(b.startAt()))
                            .toList());
                    ordered.addAll(found.stream().filter(booking -> !booking.endAt().isAfter(now)).toList());
                    return ordered;
                })
                .flatMap(ordered -> presenter.views(ordered, user, false));
    }

    /** A neighbour opens the booking a legal-savvy resident shared with them, and sees it from then on. */
    Mono<BookingView> link(CurrentUser user, String code) {
        return mongo.findAndModify(query(where("shareCode").is(code.strip().toUpperCase())
                                .orOperator(where("personUserId").is(null), where("personUserId").is(user.id()))),
                        new Update().set("personUserId", user.id()).set("updatedAt", clock.instant()),
                        FindAndModifyOptions.options().returnNew(true), Booking.class)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("预约编码无效，或该预约已由他人查看。")))
                .flatMap(booking -> presenter.view(booking, user, false));
    }

    // ---- changing ----

    Mono<BookingView> cancel(CurrentUser user, String id, String reason) {
        return toTheEnd(load(id).flatMap(booking -> asChanger(user, booking)
                .flatMap(role -> {
                    if (role != Role.RESIDENT && blankToNull(reason) == null) {
                        return Mono.error(ApiProblem.invalid("reason", "请填写取消原因，系统会告知预约人。"));
                    }
                    if (booking.status() == Status.CANCELLED) {
                        return finishLeaving(booking).then(mongo.findById(id, Booking.class));
                    }
                    if (booking.status() != Status.CONFIRMED) {
                        return Mono.error(BookingProblems.closed());
                    }
                    Instant now = clock.instant();
                    return mongo.findAndModify(query(where("_id").is(id).and("status").is(Status.CONFIRMED)
                                            .and("moveTo").is(null)),
                                    new Update().set("status", Status.CANCELLED).unset("activeKey")
                                            .set("leftSlotId", booking.slotId()).set("cancelReason", blankToNull(reason))
                                            .set("cancelledBy", user.id()).set("cancelledByRole", role)
                                            .set("cancelledAt", now).set("updatedAt", now)
                                            .push("history", new Event("CANCELLED", user.id(), role, now, blankToNull(reason))),
                                    FindAndModifyOptions.options().returnNew(true), Booking.class)
                            .switchIfEmpty(Mono.defer(() -> mongo.findById(id, Booking.class)
                                    .flatMap(current -> current.status() == Status.CANCELLED ? Mono.just(current)
                                            : Mono.error(BookingProblems.busy()))
                                    .flatMap(current -> finishLeaving(current).thenReturn(current))))
                            .flatMap(cancelled -> cancelled.leftSlotId() == null ? Mono.just(cancelled)
                                    : finishLeaving(cancelled)
                                            .then(notices.cancelled(cancelled, role != Role.RESIDENT))
                                            .thenReturn(cancelled));
                })
                .flatMap(current -> presenter.view(current, user, !BookingAccess.isParty(user, current)))));
    }

    /**
     * Gives back the place a cancelled or moved booking still holds in {@code leftSlotId} — to the first in
     * line or to everyone — exactly once, then unpins its session and frees the person's share.
     */
    Mono<Void> finishLeaving(Booking booking) {
        String slotId = booking.leftSlotId();
        if (slotId == null) {
            return Mono.empty();
        }
        String sessionId = slotId.substring(0, slotId.lastIndexOf(Slot.SEPARATOR));
        return waitlist.giveBack(slotId, booking.id())
                .flatMap(gaveBack -> gaveBack ? sessions.unpin(sessionId) : Mono.empty())
                .then(booking.status() == Status.CANCELLED ? quotas.release(booking.personKey(), booking.id())
                        : Mono.empty())
                .then(mongo.updateFirst(query(where("_id").is(booking.id()).and("leftSlotId").is(slotId)),
                        new Update().unset("leftSlotId"), Booking.class))
                .then();
    }

    /**
     * Moves the booking to another slot: the new place is taken first, then the booking points at it in one
     * update, then the old place is given back, so the person always holds exactly one booking.
     */
    Mono<BookingView> reschedule(CurrentUser user, String id, RescheduleForm form) {
        return toTheEnd(load(id).flatMap(booking -> asChanger(user, booking)
                .flatMap(role -> {
                    if (booking.status() != Status.CONFIRMED) {
                        return Mono.error(BookingProblems.closed());
                    }
                    if (booking.slotId().equals(form.slotId())) {
                        return Mono.error(ApiProblem.invalid("slotId", "新时段与原时段相同。"));
                    }
                    return catalog.place(form.slotId())
                            .flatMap(placed -> checkOpen(placed).then(checkMove(booking, placed)).thenReturn(placed))
                            .flatMap(placed -> move(user, role, booking, placed, blankToNull(form.reason())));
                }))
                .flatMap(moved -> presenter.view(moved, user, !BookingAccess.isParty(user, moved))));
    }

    private Mono<Void> checkMove(Booking booking, Placed placed) {
        BookableSession session = placed.session();
        boolean sameVillage = session.kind() == DutyKind.ON_SITE ? booking.villageCode().equals(session.villageCode())
                : RegionCodes.covers(session.stationCode(), booking.villageCode());
        if (!sameVillage) {
            return Mono.error(ApiProblem.invalid("slotId", "只能改约到本村（社区）或所属乡镇、县的值班时段。"));
        }
        if (!SlotCatalog.offeredModes(session.mode()).contains(booking.mode())) {
            return Mono.error(ApiProblem.invalid("slotId", "新时段不提供原来的咨询方式，请取消后重新预约。"));
        }
        return Mono.empty();
    }

    private Mono<Booking> move(CurrentUser user, Role role, Booking booking, Placed placed, String reason) {
        Slot slot = placed.slot();
        BookableSession session = placed.session();
        Instant now = clock.instant();
        Mono<Void> clearMove = mongo.updateFirst(query(where("_id").is(booking.id()).and("moveTo").is(slot.id())),
                new Update().unset("moveTo"), Booking.class).then();
        return mongo.findAndModify(query(where("_id").is(booking.id()).and("status").is(Status.CONFIRMED)
                                .and("slotId").is(booking.slotId()).and("moveTo").is(null)),
                        new Update().set("moveTo", slot.id()).set("updatedAt", now), Booking.class)
                .switchIfEmpty(Mono.error(BookingProblems.busy()))
                .then(sessions.pin(session.id(), slot.sessionStartAt(), slot.sessionEndAt())
                        .switchIfEmpty(Mono.defer(() -> clearMove.then(Mono.error(SlotCatalog.sessionChanged())))))
                .then(catalog.take(slot.id(), booking.id()))
                .flatMap(taken -> taken ? Mono.empty()
                        : sessions.unpin(session.id()).then(clearMove).then(Mono.error(BookingProblems.slotFull())))
                .then(Mono.defer(() -> mongo.findAndModify(
                                query(where("_id").is(booking.id()).and("moveTo").is(slot.id())),
                                new Update().set("slotId", slot.id()).set("sessionId", session.id())
                                        .set("advisorId", session.advisorId()).set("kind", session.kind())
                                        .set("stationCode", session.stationCode()).set("place", session.place())
                                        .set("startAt", slot.startAt()).set("endAt", slot.endAt())
                                        .set("activeKey", Booking.activeKey(slot.id(), booking.personKey()))
                                        .set("leftSlotId", booking.slotId()).unset("moveTo").set("updatedAt", now)
                                        .push("history", new Event("RESCHEDULED", user.id(), role, now,
                                                reason == null ? "原时段 " + BookingNotices.when(booking.startAt())
                                                        : reason)),
                                FindAndModifyOptions.options().returnNew(true), Booking.class)
                        .onErrorResume(DuplicateKeyException.class, duplicate -> catalog.release(slot.id(), booking.id())
                                .then(sessions.unpin(session.id())).then(clearMove)
                                .then(Mono.error(BookingProblems.alreadyBooked())))))
                .switchIfEmpty(Mono.error(BookingProblems.busy()))
                .flatMap(moved -> finishLeaving(moved)
                        .then(notices.rescheduled(moved, booking.slotId()))
                        .thenReturn(moved));
    }

    // ---- waitlist offers ----

    /** The first in line takes the place offered to them: the entry's place passes to a new booking. */
    Mono<Booked> acceptOffer(CurrentUser user, String entryId) {
        return toTheEnd(waitlist.ownOffer(user, entryId)
                .flatMap(entry -> catalog.place(entry.slotId())
                        .onErrorMap(ApiProblem.class, gone -> BookingProblems.offerExpired())
                        .flatMap(placed -> create(placed, entry.applicant(), "waitlist:" + entry.id(), entry.id())
                                .flatMap(booked -> waitlist.accepted(entry, booked.booking().id()).thenReturn(booked))
                                .onErrorResume(ApiProblem.class, refused -> refused.code().equals("OFFER_EXPIRED")
                                        ? Mono.error(refused)
                                        // the person cannot take it (already booked, at the cap): pass it on
                                        : waitlist.decline(entry).then(Mono.error(refused))))));
    }

    // ---- helpers ----

    Mono<Booking> load(String id) {
        return mongo.findById(id, Booking.class)
                .filter(booking -> booking.status() != Status.REFUSED)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("预约不存在。")));
    }

    /**
     * In which role the user changes the booking: its person before the cutoff, else its advisor or an admin
     * in scope. The person after the cutoff gets 409, anyone else 403.
     */
    private Mono<Role> asChanger(CurrentUser user, Booking booking) {
        boolean party = BookingAccess.isParty(user, booking);
        if (party && clock.instant().isBefore(booking.startAt().minus(properties.changeCutoff()))) {
            return Mono.just(Role.RESIDENT);
        }
        return access.staffOf(user).flatMap(staff -> {
            if (BookingAccess.isStaffFor(user, staff, booking)) {
                return Mono.just(user.roles().contains(Role.ADMIN) && staff.advisorId() == null ? Role.ADMIN : Role.ADVISOR);
            }
            return Mono.error(party ? BookingProblems.tooLateToChange(properties.changeCutoff().toHours())
                    : ApiProblem.forbidden("这不是您的预约，不能修改。"));
        });
    }

    private static Mono<Void> requireKey(String key) {
        return IdempotencyKeys.valid(key) ? Mono.empty() : Mono.error(IdempotencyKeys.invalid());
    }

    private static CurrentUser userOf(Applicant applicant) {
        return new CurrentUser(applicant.bookedBy(), applicant.bookedByName(), java.util.Set.of(), List.of());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
