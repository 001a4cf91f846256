package cn.villagecounsel.api.duty;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A recurring duty of one advisor: on site in a village ({@code villageCode}) or at the desk of a station
 * ({@code stationCode}, a township's judicial office or a county's legal service centre).
 * <p>
 * Dates ({@code yyyy-MM-dd}) and wall-clock times ({@code HH:mm}, Asia/Shanghai) are stored as ISO text: the
 * driver's default java.time mapping goes through the JVM's time zone, and a rule must mean the same days
 * whatever zone a server runs in. ISO dates compare correctly as strings.
 */
@Document("duty_rules")
record DutyRule(
        @Id String id,
        @Indexed String advisorId,
        DutyKind kind,
        @Indexed(sparse = true) String villageCode,
        @Indexed(sparse = true) String stationCode,
        String place,
        DutyMode mode,
        Recurrence recurrence,
        String startTime,
        String endTime,
        String validFrom,
        String validUntil,
        List<Skip> exceptions,
        Integer slotMinutes,
        Integer placesPerSlot,
        String createdBy,
        Instant createdAt,
        String updatedBy,
        Instant updatedAt,
        @Version Long version) {

    /**
     * @param daysOfWeek ISO days, Monday = 1 (WEEKLY and MONTHLY)
     * @param intervalWeeks every n-th week counted from the week of {@code validFrom} (WEEKLY)
     * @param weekOfMonth 1..5, or -1 for the last (MONTHLY)
     * @param date the single day (ONCE)
     */
    record Recurrence(Frequency frequency, List<Integer> daysOfWeek, Integer intervalWeeks, Integer weekOfMonth,
            String date) {

        LocalDate onceDate() {
            return date == null ? null : LocalDate.parse(date);
        }

        int interval() {
            return intervalWeeks == null ? 1 : intervalWeeks;
        }
    }

    /** A day the rule does not hold, with the reason shown to admins. */
    record Skip(String date, String reason) {
    }

    /** The village or station code the rule belongs to: the region whose board it changes. */
    String code() {
        return kind == DutyKind.ON_SITE ? villageCode : stationCode;
    }

    LocalTime start() {
        return LocalTime.parse(startTime);
    }

    LocalTime end() {
        return LocalTime.parse(endTime);
    }

    LocalDate from() {
        return LocalDate.parse(validFrom);
    }

    LocalDate until() {
        return LocalDate.parse(validUntil);
    }

    Set<LocalDate> skippedDays() {
        return exceptions == null ? Set.of()
                : exceptions.stream().map(skip -> LocalDate.parse(skip.date())).collect(Collectors.toSet());
    }
}
