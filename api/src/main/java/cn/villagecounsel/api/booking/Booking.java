package cn.villagecounsel.api.booking;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import cn.villagecounsel.api.common.LegalTopic;
import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.duty.DutyKind;
import cn.villagecounsel.api.duty.DutyMode;

/**
 * A consultation booked in one slot.
 * <ul>
 * <li>{@code personKey} is who will be seen: {@code u:<userId>} for someone booking for themselves,
 * {@code p:<phone fingerprint>} for a neighbour a legal-savvy resident booked for. {@code activeKey}
 * ({@code slotId|personKey}) exists only while the booking is live, and its unique index refuses a second
 * booking of the same person in the same slot.</li>
 * <li>{@code requestKey} ({@code bookedBy/Idempotency-Key}) is unique: a replayed request finds the booking it
 * made. One field rather than a compound index, so that any MongoDB (the in-process one too) answers from an
 * index.</li>
 * <li>{@code moveTo} and {@code leftSlotId} record a step that is not finished yet (a place taken in the new slot
 * of a reschedule; a place still to give back after a cancel or a reschedule), so the sweep can finish it after
 * a crash.</li>
 * </ul>
 */
@Document("bookings")
@CompoundIndex(name = "advisor_start", def = "{'advisorId': 1, 'startAt': 1}")
@CompoundIndex(name = "village_start", def = "{'villageCode': 1, 'startAt': 1}")
@CompoundIndex(name = "person_status", def = "{'personKey': 1, 'status': 1}")
@CompoundIndex(name = "status_updated", def = "{'status': 1, 'updatedAt': 1}")
record Booking(
        @Id String id,
        String slotId,
        @Indexed String sessionId,
        String advisorId,
        DutyKind kind,
        String villageCode,
        String stationCode,
        String place,
        Instant startAt,
        Instant endAt,
        DutyMode mode,
        LegalTopic topic,
        String description,
        Status status,
        String personKey,
        @Indexed(sparse = true) String personUserId,
        String personName,
        String personPhone,
        @Indexed String bookedBy,
        String bookedByName,
        boolean forNeighbour,
        Consent consent,
        @Indexed(unique = true, sparse = true) String shareCode,
        @Indexed(unique = true) String requestKey,
        @Indexed(unique = true, sparse = true) String activeKey,
        @Indexed(sparse = true) String moveTo,
        @Indexed(sparse = true) String leftSlotId,
        String cancelReason,
        String cancelledBy,
        Role cancelledByRole,
        Instant cancelledAt,
        String note,
        Instant attendanceAt,
        String attendanceBy,
        List<Event> history,
        Instant createdAt,
        Instant updatedAt) {

    enum Status {
        /** Stored, its place not yet confirmed: a moment in a booking request, or a crash the sweep settles. */
        HELD,
        CONFIRMED,
        /** The slot was full or the session changed: never a booking the person saw. */
        REFUSED,
        CANCELLED,
        ATTENDED,
        NO_SHOW
    }

    /** How the neighbour agreed that a legal-savvy resident books for them and passes on their details. */
    record Consent(ConsentMethod method, String note, Instant recordedAt) {
    }

    enum ConsentMethod {
        VERBAL, WRITTEN, THUMBPRINT
    }

    /** One change of the booking: what, by whom (user id and role), when, and a note. */
    record Event(String what, String by, Role role, Instant at, String note) {
    }

    static String requestKey(String bookedBy, String idempotencyKey) {
        return bookedBy + "/" + idempotencyKey;
    }

    static String activeKey(String slotId, String personKey) {
        return slotId + "|" + personKey;
    }

    boolean live() {
        return status == Status.CONFIRMED || status == Status.HELD;
    }
}
