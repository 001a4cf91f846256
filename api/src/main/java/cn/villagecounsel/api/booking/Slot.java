package cn.villagecounsel.api.booking;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import cn.villagecounsel.api.duty.DutyKind;

/**
 * One bookable slot of a duty session, id {@code {sessionId}@{HHmm}} (Beijing start time), stored from the first
 * booking on. {@code holders} names who holds each taken place — a booking or a waitlist offer — so taking,
 * giving back and passing a place on are single conditional updates on this document: a place is taken only
 * while {@code remaining > 0} and given back only by the one holding it, however often a request is repeated.
 * The session's times are kept to tell a slot cut from an earlier version of the session.
 */
@Document("booking_slots")
record Slot(
        @Id String id,
        @Indexed String sessionId,
        String advisorId,
        DutyKind kind,
        String villageCode,
        String stationCode,
        Instant sessionStartAt,
        Instant sessionEndAt,
        Instant startAt,
        Instant endAt,
        int capacity,
        int remaining,
        Map<String, Instant> holders,
        Instant createdAt) {

    static final char SEPARATOR = '@';

    boolean heldBy(String holderId) {
        return holders != null && holders.containsKey(holderId);
    }
}
