package cn.villagecounsel.api.duty;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import cn.villagecounsel.api.common.RandomIds;
import cn.villagecounsel.api.duty.DutyCalendar.Slot;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Brings a rule's sessions in line with the rule: from today through the horizon, one session per day the
 * rule holds. Used by create, edit and delete (under the advisor's lock) and by the daily extension, so a
 * crash between saving a rule and its sessions is repaired by the next run.
 * <ul>
 * <li>Past and started sessions are never touched.</li>
 * <li>A day with no session gets one, id {@code {ruleId}-{yyyyMMdd}}; an existing day keeps its session.</li>
 * <li>A session the rule no longer produces is deleted if nobody booked it, else kept as {@code DETACHED}
 * and reported.</li>
 * <li>A session whose time, village/station or advisor changed is updated if nobody booked it, else kept as
 * {@code DETACHED} and reported, and the new session for that day gets the id
 * {@code {ruleId}-{yyyyMMdd}-v{ruleVersion}}: still deterministic, so retries and other instances agree.</li>
 * <li>A change of only the place text or mode updates the session even when booked.</li>
 * <li>A cancelled session stays cancelled and keeps its day.</li>
 * </ul>
 * Deletes and updates are conditional on {@code bookedCount == 0} in the same statement, so a booking that
 * lands between reading and writing turns the delete into a detach instead of losing the booking.
 */
@Component
class SessionPlanner {

    private final ReactiveMongoTemplate mongo;
    private final DutyCalendar calendar;

    SessionPlanner(ReactiveMongoTemplate mongo, DutyCalendar calendar) {
        this.mongo = mongo;
        this.calendar = calendar;
    }

    /** One of the rule's future sessions that would overlap another duty of the same advisor. */
    record Conflict(Slot mine, Instant otherStart, Instant otherEnd, String otherPlace) {
    }

    /**
     * What a change would do, computed before anything is written.
     *
     * @param desired the rule's future sessions within the horizon
     * @param existing the rule's stored sessions from today on (any status)
     * @param conflicts overlaps with the advisor's other duties, by date
     */
    record Plan(String ruleId, DutyRule rule, Instant now, List<Slot> desired, List<DutySession> existing,
            List<Conflict> conflicts) {
    }

    /**
     * @param sessions the rule's planned future sessions after the change
     * @param kept sessions kept with their bookings that the rule no longer produces as they are
     * @param changed whether any session was written
     */
    record Outcome(long sessions, List<DutySession> kept, boolean changed) {
    }

    /** What one step did: wrote something, and/or kept a booked session detached. */
    private record Step(boolean changed, DutySession kept) {

        static final Step NONE = new Step(false, null);
        static final Step WROTE = new Step(true, null);

        static Step kept(DutySession session) {
            return new Step(true, session);
        }
    }

    /**
     * @param ruleId the stored rule (null when creating)
     * @param rule the rule as it is to be (null when deleting)
     * @param wholeValidity also look for overlaps beyond the horizon, through the rule's last day
     */
    Mono<Plan> plan(String ruleId, DutyRule rule, boolean wholeValidity) {
        Instant now = calendar.now();
        LocalDate today = calendar.today();
        LocalDate horizonEnd = calendar.horizonEnd(today);
        List<Slot> desired = rule == null ? List.of()
                : calendar.slots(rule, today, horizonEnd).stream().filter(slot -> slot.startAt().isAfter(now)).toList();
        Mono<List<DutySession>> existing = ruleId == null ? Mono.just(List.of())
                : mongo.find(query(where("ruleId").is(ruleId).and("startAt").gte(DutyCalendar.startOfDay(today)))
                        .with(Sort.by("startAt")), DutySession.class).collectList();
        return existing.flatMap(sessions -> {
            if (rule == null) {
                return Mono.just(new Plan(ruleId, null, now, desired, sessions, List.of()));
            }
            Map<LocalDate, DutySession> live = live(sessions);
            List<Slot> checked = new ArrayList<>(desired.stream()
                    .filter(slot -> {
                        DutySession current = live.get(slot.date());
                        // a started or cancelled session keeps its day: nothing new is placed there
                        return current == null || current.startAt().isAfter(now) && current.status() != DutyStatus.CANCELLED;
                    })
                    .toList());
            if (wholeValidity) {
                checked.addAll(calendar.slots(rule, horizonEnd.plusDays(1), rule.until()));
            }
            return conflicts(ruleId, rule.advisorId(), checked, today)
                    .map(conflicts -> new Plan(ruleId, rule, now, desired, sessions, conflicts));
        });
    }

    /**
     * The advisor's other duties that {@code slots} would overlap: stored sessions of other rules that are not
     * cancelled, and days of the advisor's other rules that have no session yet (beyond their horizon, or not
     * extended yet).
     */
    private Mono<List<Conflict>> conflicts(String ruleId, String advisorId, List<Slot> slots, LocalDate today) {
        if (slots.isEmpty()) {
            return Mono.just(List.of());
        }
        LocalDate lastDay = slots.stream().map(Slot::date).max(Comparator.naturalOrder()).orElseThrow();
        Mono<List<DutySession>> sessions = mongo.find(query(where("advisorId").is(advisorId)
                        .and("startAt").gte(DutyCalendar.startOfDay(today)).lt(DutyCalendar.startOfDay(lastDay.plusDays(1)))),
                DutySession.class)
                .filter(session -> !session.ruleId().equals(ruleId))
                .collectList();
        Mono<List<DutyRule>> rules = mongo.find(query(where("advisorId").is(advisorId)
                        .and("validUntil").gte(today.toString())), DutyRule.class)
                .filter(other -> !other.id().equals(ruleId))
                .collectList();
        return Mono.zip(sessions, rules).map(found -> {
            record Busy(Instant start, Instant end, String place) {
            }
            Map<LocalDate, List<Busy>> busy = new HashMap<>();
            Map<String, Set<LocalDate>> daysWithSessions = new HashMap<>();
            for (DutySession session : found.getT1()) {
                daysWithSessions.computeIfAbsent(session.ruleId(), key -> new HashSet<>()).add(session.day());
                if (session.status() != DutyStatus.CANCELLED) {
                    busy.computeIfAbsent(session.day(), key -> new ArrayList<>())
                            .add(new Busy(session.startAt(), session.endAt(), session.place()));
                }
            }
            for (DutyRule other : found.getT2()) {
                Set<LocalDate> stored = daysWithSessions.getOrDefault(other.id(), Set.of());
                for (Slot slot : calendar.slots(other, today, lastDay)) {
                    if (!stored.contains(slot.date())) {
                        busy.computeIfAbsent(slot.date(), key -> new ArrayList<>())
                                .add(new Busy(slot.startAt(), slot.endAt(), other.place()));
                    }
                }
            }
            List<Conflict> conflicts = new ArrayList<>();
            for (Slot slot : slots) {
                busy.getOrDefault(slot.date(), List.of()).stream()
                        .filter(other -> slot.startAt().isBefore(other.end()) && other.start().isBefore(slot.endAt()))
                        .min(Comparator.comparing(Busy::start))
                        .ifPresent(other -> conflicts.add(new Conflict(slot, other.start(), other.end(), other.place())));
            }
            conflicts.sort(Comparator.comparing(conflict -> conflict.mine().startAt()));
            return conflicts;
        });
    }

    /**
     * Writes the plan. Days in {@code plan.conflicts()} are left as they are (the daily extension's way of
     * never creating an overlap; edits refuse such plans before calling this).
     *
     * @param saved the stored rule after the change (null when deleting)
     */
    Mono<Outcome> apply(Plan plan, DutyRule saved) {
        String ruleId = saved != null ? saved.id() : plan.ruleId();
        Instant now = plan.now();
        Set<String> taken = plan.existing().stream().map(DutySession::id).collect(Collectors.toCollection(HashSet::new));
        Map<LocalDate, DutySession> live = live(plan.existing());
        Set<LocalDate> conflictDays = plan.conflicts().stream().map(conflict -> conflict.mine().date())
                .collect(Collectors.toSet());
        List<Mono<Step>> steps = new ArrayList<>();
        for (Slot slot : plan.desired()) {
            DutySession current = live.remove(slot.date());
            if (conflictDays.contains(slot.date())) {
                continue;
            }
            if (current == null) {
                steps.add(insert(fresh(saved, slot, idFor(ruleId, saved, slot, taken), now)));
            } else if (current.startAt().isAfter(now)) {
                steps.add(reshape(current, saved, slot, taken, now));
            }
        }
        for (DutySession current : live.values()) {
            if (current.startAt().isAfter(now)) {
                steps.add(retire(current, now));
            }
        }
        return Flux.concat(steps).collectList()
                .flatMap(done -> (ruleId == null ? Mono.just(0L)
                        : mongo.count(query(where("ruleId").is(ruleId).and("status").is(DutyStatus.PLANNED)
                                .and("startAt").gt(now)), DutySession.class))
                        .map(count -> new Outcome(count,
                                done.stream().map(Step::kept).filter(Objects::nonNull).toList(),
                                done.stream().anyMatch(Step::changed))));
    }

    /** The rule's sessions that still belong to it (not detached), one per day. */
    private static Map<LocalDate, DutySession> live(List<DutySession> sessions) {
        Map<LocalDate, DutySession> live = new LinkedHashMap<>();
        sessions.stream()
                .filter(session -> session.status() != DutyStatus.DETACHED)
                .sorted(Comparator.comparing(DutySession::startAt))
                .forEach(session -> live.putIfAbsent(session.day(), session));
        return live;
    }

    /** Brings a stored future session of a day the rule still holds in line. */
    private Mono<Step> reshape(DutySession current, DutyRule rule, Slot slot, Set<String> taken, Instant now) {
        boolean sameTime = current.startAt().equals(slot.startAt()) && current.endAt().equals(slot.endAt());
        boolean sameWhoAndWhere = current.kind() == rule.kind() && current.advisorId().equals(rule.advisorId())
                && Objects.equals(current.villageCode(), rule.villageCode())
                && Objects.equals(current.stationCode(), rule.stationCode());
        boolean samePlaceAndMode = current.place().equals(rule.place()) && current.mode() == rule.mode();
        boolean sameSlots = Objects.equals(current.slotMinutes(), rule.slotMinutes())
                && Objects.equals(current.placesPerSlot(), rule.placesPerSlot());
        if (sameTime && sameWhoAndWhere && samePlaceAndMode && sameSlots) {
            return Mono.just(Step.NONE);
        }
        if (current.status() == DutyStatus.CANCELLED) {
            return updateIfUnbooked(current, DutyStatus.CANCELLED, everything(rule, slot, now))
                    .map(updated -> updated ? Step.WROTE : Step.NONE);
        }
        if (sameTime && sameWhoAndWhere) {
            // Slots are re-cut only while nobody holds one; the place's wording or the mode changes even when
            // booked, and the residents who booked keep their session.
            return updateIfUnbooked(current, DutyStatus.PLANNED, everything(rule, slot, now))
                    .flatMap(updated -> updated ? Mono.just(Step.WROTE)
                            : samePlaceAndMode ? Mono.just(Step.NONE)
                            : mongo.updateFirst(query(where("_id").is(current.id())),
                                            new Update().set("place", rule.place()).set("mode", rule.mode())
                                                    .set("updatedAt", now), DutySession.class)
                                    .thenReturn(Step.WROTE));
        }
        String replacementId = idFor(rule.id(), rule, slot, taken);
        return updateIfUnbooked(current, DutyStatus.PLANNED, everything(rule, slot, now))
                .flatMap(updated -> updated ? Mono.just(Step.WROTE)
                        : detach(current, now)
                                .flatMap(kept -> insert(fresh(rule, slot, replacementId, now)).thenReturn(Step.kept(kept)))
                                .defaultIfEmpty(Step.NONE));
    }

    /** Deletes a session the rule no longer produces, or keeps it detached when it has bookings. */
    private Mono<Step> retire(DutySession current, Instant now) {
        return mongo.remove(query(where("_id").is(current.id()).and("bookedCount").is(0)), DutySession.class)
                .flatMap(result -> result.getDeletedCount() > 0 ? Mono.just(Step.WROTE)
                        : current.status() != DutyStatus.PLANNED ? Mono.just(Step.NONE)
                        : detach(current, now).map(Step::kept).defaultIfEmpty(Step.NONE));
    }

    private Mono<Boolean> updateIfUnbooked(DutySession current, DutyStatus status, Update update) {
        return mongo.updateFirst(query(where("_id").is(current.id()).and("bookedCount").is(0).and("status").is(status)),
                        update, DutySession.class)
                .map(result -> result.getMatchedCount() > 0);
    }

    private Mono<DutySession> detach(DutySession current, Instant now) {
        return mongo.findAndModify(query(where("_id").is(current.id()).and("status").is(DutyStatus.PLANNED)),
                new Update().set("status", DutyStatus.DETACHED).set("updatedAt", now),
                FindAndModifyOptions.options().returnNew(true), DutySession.class);
    }

    private Mono<Step> insert(DutySession session) {
        return mongo.insert(session).thenReturn(Step.WROTE)
                .onErrorResume(DuplicateKeyException.class, duplicate -> Mono.just(Step.NONE));
    }

    private static Update everything(DutyRule rule, Slot slot, Instant now) {
        Update update = new Update()
                .set("advisorId", rule.advisorId())
                .set("kind", rule.kind())
                .set("startAt", slot.startAt())
                .set("endAt", slot.endAt())
                .set("place", rule.place())
                .set("mode", rule.mode())
                .set("updatedAt", now);
        setOrUnset(update, "villageCode", rule.villageCode());
        setOrUnset(update, "slotMinutes", rule.slotMinutes());
        setOrUnset(update, "placesPerSlot", rule.placesPerSlot());
        setOrUnset(update, "stationCode", rule.stationCode());
        return update;
    }

    private static void setOrUnset(Update update, String key, Object value) {
        if (value == null) {
            update.unset(key);
        } else {
            update.set(key, value);
        }
    }

    static DutySession fresh(DutyRule rule, Slot slot, String id, Instant now) {
        return new DutySession(id, rule.id(), rule.advisorId(), rule.kind(), rule.villageCode(), rule.stationCode(),
                slot.date().toString(), slot.startAt(), slot.endAt(), rule.place(), rule.mode(), DutyStatus.PLANNED, 0,
                rule.slotMinutes(), rule.placesPerSlot(), null, null, null, now, now);
    }

    /**
     * {@code {ruleId}-{yyyyMMdd}}, unless a session kept for its bookings holds that id: then the rule's version
     * (and, should that be taken too, the start time) tells the new one apart.
     */
    static String idFor(String ruleId, DutyRule rule, Slot slot, Set<String> taken) {
        String base = ruleId + "-" + DutyCalendar.COMPACT.format(slot.date());
        String versioned = base + "-v" + rule.version();
        List<String> candidates = List.of(base, versioned,
                versioned + "-" + DutyCalendar.wallClock(slot.startAt()).replace(":", ""));
        String id = candidates.stream().filter(candidate -> !taken.contains(candidate)).findFirst()
                .orElseGet(() -> base + "-" + RandomIds.id());
        taken.add(id);
        return id;
    }
}
