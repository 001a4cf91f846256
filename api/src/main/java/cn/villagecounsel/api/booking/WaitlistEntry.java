package cn.villagecounsel.api.booking;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A place in line for a full slot. The first {@code WAITING} entry (by {@code createdAt}) is offered the next
 * place given back: the slot's place passes to the entry's id, and the entry has until {@code offerExpiresAt}
 * to accept it before it passes on. {@code activeKey} ({@code slotId|personKey}) exists while waiting or
 * offered: one place in line per person and slot.
 */
@Document("booking_waitlist")
@CompoundIndex(name = "slot_line", def = "{'slotId': 1, 'status': 1, 'createdAt': 1}")
@CompoundIndex(name = "status_expiry", def = "{'status': 1, 'offerExpiresAt': 1}")
record WaitlistEntry(
        @Id String id,
        String slotId,
        String sessionId,
        Instant startAt,
        Instant endAt,
        String place,
        Applicant applicant,
        Status status,
        @Indexed(unique = true, sparse = true) String activeKey,
        @Indexed String bookedBy,
        Instant offeredAt,
        Instant offerExpiresAt,
        String bookingId,
        Instant createdAt,
        Instant updatedAt) {

    enum Status {
        WAITING, OFFERED, ACCEPTED, EXPIRED, LEFT
    }
}
