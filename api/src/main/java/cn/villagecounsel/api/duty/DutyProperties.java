package cn.villagecounsel.api.duty;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Duty schedule settings ({@code vc.duty.*}).
 *
 * @param horizon how far ahead sessions are materialised (the board shows 8 weeks)
 * @param holidays public holidays on which no session is held: {@code 2026-10-01} or a range
 *        {@code 2026-10-01..2026-10-07}; the State Council publishes the next year's list each November, so it
 *        must be checked every year
 * @param extensionCron when the daily extension runs (Asia/Shanghai); {@code -} turns it off
 * @param extendOnStartup also extend once when an instance starts (catches up a missed night)
 * @param extensionLease how long one instance holds the extension lease at most
 * @param lockTtl how long a per-advisor edit lock lives if its holder dies
 * @param lockWait how long an edit waits for another edit of the same advisor's duties
 */
@ConfigurationProperties("vc.duty")
record DutyProperties(
        @DefaultValue("P10W") Period horizon,
        List<String> holidays,
        @DefaultValue("0 20 3 * * *") String extensionCron,
        @DefaultValue("true") boolean extendOnStartup,
        @DefaultValue("15m") Duration extensionLease,
        @DefaultValue("30s") Duration lockTtl,
        @DefaultValue("5s") Duration lockWait) {

    DutyProperties {
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        holidayDates(holidays); // fails the start on a malformed entry
    }

    Set<LocalDate> holidayDates() {
        return holidayDates(holidays);
    }

    private static Set<LocalDate> holidayDates(List<String> entries) {
        Set<LocalDate> days = new TreeSet<>();
        for (String entry : entries) {
            try {
                String[] ends = entry.strip().split("\\.\\.", 2);
                LocalDate first = LocalDate.parse(ends[0].strip());
                LocalDate last = ends.length == 2 ? LocalDate.parse(ends[1].strip()) : first;
                if (last.isBefore(first) || first.plusDays(31).isBefore(last)) {
                    throw new IllegalArgumentException("vc.duty.holidays: bad range " + entry);
                }
                first.datesUntil(last.plusDays(1)).forEach(days::add);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("vc.duty.holidays: not a date or date range: " + entry, e);
            }
        }
        return Set.copyOf(days);
    }
}
