package cn.villagecounsel.api.duty;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One concrete session of a rule. The id is {@code {ruleId}-{yyyyMMdd}}, so materialising the same day twice
 * (two api instances, a retry) finds the same document instead of adding one. Only when that id is held by a
 * session kept for its bookings ({@link DutyStatus#DETACHED}) does the replacement take a suffix (see
 * {@link SessionPlanner}). {@code bookedCount} belongs to the booking feature: a session with bookings is
 * never deleted or moved by a rule change.
 */
@Document("duty_sessions")
@CompoundIndex(name = "advisor_start", def = "{'advisorId': 1, 'startAt': 1}")
@CompoundIndex(name = "village_start", def = "{'villageCode': 1, 'startAt': 1}")
@CompoundIndex(name = "station_start", def = "{'stationCode': 1, 'startAt': 1}")
@CompoundIndex(name = "rule_start", def = "{'ruleId': 1, 'startAt': 1}")
record DutySession(
        @Id String id,
        String ruleId,
        String advisorId,
        DutyKind kind,
        String villageCode,
        String stationCode,
        String date,
        Instant startAt,
        Instant endAt,
        String place,
        DutyMode mode,
        DutyStatus status,
        int bookedCount,
        Integer slotMinutes,
        Integer placesPerSlot,
        String cancelReason,
        String cancelledBy,
        Instant cancelledAt,
        Instant createdAt,
        Instant updatedAt) {

    String code() {
        return kind == DutyKind.ON_SITE ? villageCode : stationCode;
    }

    LocalDate day() {
        return LocalDate.parse(date);
    }
}
