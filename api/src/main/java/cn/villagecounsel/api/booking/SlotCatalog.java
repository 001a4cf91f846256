package cn.villagecounsel.api.booking;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import cn.villagecounsel.api.advisor.Assignments;
import cn.villagecounsel.api.booking.BookingViews.SlotListing;
import cn.villagecounsel.api.booking.BookingViews.SlotView;
import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.ChinaTime;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.common.RegionLevel;
import cn.villagecounsel.api.duty.BookableSession;
import cn.villagecounsel.api.duty.DutyBookings;
import cn.villagecounsel.api.duty.DutyMode;
import cn.villagecounsel.api.duty.DutyStatus;
import cn.villagecounsel.api.region.RegionDirectory;
import reactor.core.publisher.Mono;

/**
 * Cuts duty sessions into slots, lists them, and takes, passes on and gives back their places. Every change of
 * a place is one conditional update on the slot document (see {@link Slot}).
 */
@Component
class SlotCatalog {

    static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");
    private static final int MAX_DAYS = 62;

    /** A slot together with the session it was cut from, as it is now. */
    record Placed(Slot slot, BookableSession session) {
    }

    private final ReactiveMongoTemplate mongo;
    private final DutyBookings sessions;
    private final Assignments assignments;
    private final RegionDirectory regions;
    private final BookingProperties properties;
    private final Clock clock;

    SlotCatalog(ReactiveMongoTemplate mongo, DutyBookings sessions, Assignments assignments, RegionDirectory regions,
            BookingProperties properties, Clock clock) {
        this.mongo = mongo;
        this.sessions = sessions;
        this.assignments = assignments;
        this.regions = regions;
        this.properties = properties;
        this.clock = clock;
    }

    // ---- listing ----

    Mono<SlotListing> list(String villageCode, LocalDate from, LocalDate to) {
        if (!RegionCodes.isValid(villageCode) || RegionCodes.levelOf(villageCode) != RegionLevel.VILLAGE) {
            return Mono.error(ApiProblem.notFound("村（社区）不存在。"));
        }
        LocalDate today = ChinaTime.today(clock);
        LocalDate first = from != null ? from : today;
        LocalDate last = to != null ? to : today.plusDays(properties.horizon().toDays());
        if (last.isBefore(first)) {
            return Mono.error(ApiProblem.invalid("to", "结束日期不能早于开始日期。"));
        }
        if (ChronoUnit.DAYS.between(first, last) > MAX_DAYS) {
            return Mono.error(ApiProblem.invalid("to", "一次最多查询 62 天。"));
        }
        return regions.find(villageCode)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("村（社区）不存在。")))
                .flatMap(village -> sessions.bookableFor(villageCode, startOfDay(first), startOfDay(last.plusDays(1)))
                        .collectList()
                        .flatMap(found -> {
                            List<Slot> cut = found.stream().flatMap(session -> cut(session).stream()).toList();
                            return Mono.zip(
                                    mongo.find(query(where("_id").in(cut.stream().map(Slot::id).toList())), Slot.class)
                                            .collectMap(Slot::id),
                                    assignments.names(found.stream().map(BookableSession::advisorId).distinct().toList()))
                                    .map(lookups -> {
                                        Map<String, Slot> stored = lookups.getT1();
                                        Map<String, String> names = lookups.getT2();
                                        Map<String, BookableSession> byId = new HashMap<>();
                                        found.forEach(session -> byId.put(session.id(), session));
                                        Instant now = clock.instant();
                                        List<SlotView> views = new ArrayList<>();
                                        for (Slot slot : cut) {
                                            Slot current = stored.getOrDefault(slot.id(), slot);
                                            if (stale(current, slot) && (current.holders() == null || current.holders().isEmpty())) {
                                                current = slot; // cut from an earlier version of the session
                                            }
                                            BookableSession session = byId.get(slot.sessionId());
                                            views.add(view(current, session, names.get(session.advisorId()), now));
                                        }
                                        return new SlotListing(villageCode, village.name(), first, last, views);
                                    });
                        }));
    }

    private SlotView view(Slot slot, BookableSession session, String advisorName, Instant now) {
        SlotView.State state = !opensFor(slot, now) || !takesNewBookings(session) ? SlotView.State.CLOSED
                : slot.remaining() > 0 ? SlotView.State.OPEN : SlotView.State.FULL;
        return new SlotView(slot.id(), session.id(), session.date(), slot.startAt(), slot.endAt(),
                wallClock(slot.startAt()), wallClock(slot.endAt()), session.kind(), session.place(),
                offeredModes(session.mode()), session.advisorId(), advisorName, slot.capacity(), slot.remaining(),
                state, state == SlotView.State.FULL);
    }

    /**
     * Only a planned session takes new bookings: one kept {@code DETACHED} for its bookings after a rule change
     * still takes place for them, but residents book its replacement.
     */
    static boolean takesNewBookings(BookableSession session) {
        return session.status() == DutyStatus.PLANNED;
    }

    /** Booking is open from the horizon until the minimum notice before the start. */
    boolean opensFor(Slot slot, Instant now) {
        return slot.startAt().minus(properties.minNotice()).isAfter(now)
                && !slot.startAt().isAfter(now.plus(properties.horizon()));
    }

    /**
     * What a session's mode lets a resident choose: an advisor on site or at a desk can also take a call, and a
     * video session falls back to a call; a phone session is only by phone.
     */
    static List<DutyMode> offeredModes(DutyMode mode) {
        return switch (mode) {
            case IN_PERSON -> List.of(DutyMode.IN_PERSON, DutyMode.PHONE);
            case VIDEO -> List.of(DutyMode.VIDEO, DutyMode.PHONE);
            case PHONE -> List.of(DutyMode.PHONE);
        };
    }

    /** The session's slots: its length cut into slot-plus-buffer steps, a last slot that would overrun dropped. */
    List<Slot> cut(BookableSession session) {
        Duration length = session.slotMinutes() != null ? Duration.ofMinutes(session.slotMinutes())
                : properties.slotLength();
        int places = session.placesPerSlot() != null ? session.placesPerSlot() : properties.placesPerSlot();
        List<Slot> slots = new ArrayList<>();
        for (Instant start = session.startAt(); !start.plus(length).isAfter(session.endAt());
                start = start.plus(length).plus(properties.buffer())) {
            slots.add(new Slot(session.id() + Slot.SEPARATOR + HHMM.format(ZonedDateTime.ofInstant(start, ChinaTime.ZONE)),
                    session.id(), session.advisorId(), session.kind(), session.villageCode(), session.stationCode(),
                    session.startAt(), session.endAt(), start, start.plus(length), places, places, Map.of(),
                    clock.instant()));
        }
        return slots;
    }

    // ---- one slot ----

    /**
     * The slot and its session, storing the slot on first use. 404 for an id no current session produces,
     * 409 {@code SESSION_CHANGED} for a session that was cancelled.
     */
    Mono<Placed> place(String slotId) {
        int separator = slotId == null ? -1 : slotId.lastIndexOf(Slot.SEPARATOR);
        if (separator < 1) {
            return Mono.error(ApiProblem.notFound("预约时段不存在。"));
        }
        return sessions.find(slotId.substring(0, separator))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("预约时段不存在。")))
                .flatMap(session -> {
                    if (!takesNewBookings(session)) {
                        return Mono.error(sessionChanged());
                    }
                    Slot fresh = cut(session).stream().filter(slot -> slot.id().equals(slotId)).findFirst().orElse(null);
                    if (fresh == null) {
                        return Mono.error(ApiProblem.notFound("预约时段不存在。"));
                    }
                    return store(fresh).map(slot -> new Placed(slot, session));
                });
    }

    /**
     * Inserts the slot unless it is stored; a stored slot cut from an earlier version of the session, which
     * nobody can hold (a booked session is never moved), is replaced.
     */
    private Mono<Slot> store(Slot fresh) {
        return mongo.findById(fresh.id(), Slot.class)
                .flatMap(stored -> !stale(stored, fresh) ? Mono.just(stored)
                        : mongo.findAndReplace(query(where("_id").is(fresh.id()).and("holders").is(Map.of())), fresh,
                                        FindAndReplaceOptions.options().returnNew())
                                .defaultIfEmpty(stored))
                .switchIfEmpty(Mono.defer(() -> mongo.insert(fresh)
                        .onErrorResume(DuplicateKeyException.class,
                                raced -> mongo.findById(fresh.id(), Slot.class))));
    }

    private static boolean stale(Slot stored, Slot fresh) {
        return !stored.sessionStartAt().equals(fresh.sessionStartAt()) || !stored.sessionEndAt().equals(fresh.sessionEndAt())
                || stored.capacity() != fresh.capacity();
    }

    /** Takes a free place for {@code holderId}; false when none is left (or it already holds one). */
    Mono<Boolean> take(String slotId, String holderId) {
        return mongo.updateFirst(query(where("_id").is(slotId).and("remaining").gt(0)
                                .and(holderPath(holderId)).exists(false)),
                        new Update().inc("remaining", -1).set(holderPath(holderId), clock.instant()), Slot.class)
                .map(result -> result.getModifiedCount() > 0);
    }

    /** Hands the place {@code from} holds to {@code to}; false when {@code from} holds none. */
    Mono<Boolean> transfer(String slotId, String from, String to) {
        return mongo.updateFirst(query(where("_id").is(slotId).and(holderPath(from)).exists(true)),
                        new Update().unset(holderPath(from)).set(holderPath(to), clock.instant()), Slot.class)
                .map(result -> result.getModifiedCount() > 0);
    }

    /** Gives the place {@code holderId} holds back to everyone; false when it holds none (already given back). */
    Mono<Boolean> release(String slotId, String holderId) {
        return mongo.updateFirst(query(where("_id").is(slotId).and(holderPath(holderId)).exists(true)),
                        new Update().unset(holderPath(holderId)).inc("remaining", 1), Slot.class)
                .map(result -> result.getModifiedCount() > 0);
    }

    Mono<Boolean> holds(String slotId, String holderId) {
        return mongo.exists(query(where("_id").is(slotId).and(holderPath(holderId)).exists(true)), Slot.class);
    }

    Mono<Slot> find(String slotId) {
        return mongo.findById(slotId, Slot.class);
    }

    private static String holderPath(String holderId) {
        return "holders." + holderId;
    }

    static ApiProblem sessionChanged() {
        return new ApiProblem(HttpStatus.CONFLICT, "SESSION_CHANGED", "该场次已取消或调整",
                "该场次已取消或时间已调整，请重新选择时段。");
    }

    static String wallClock(Instant instant) {
        return HH_MM.format(ZonedDateTime.ofInstant(instant, ChinaTime.ZONE));
    }

    static Instant startOfDay(LocalDate day) {
        return day.atTime(LocalTime.MIDNIGHT).atZone(ChinaTime.ZONE).toInstant();
    }
}
