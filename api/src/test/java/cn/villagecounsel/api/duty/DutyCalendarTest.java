package cn.villagecounsel.api.duty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.villagecounsel.api.duty.DutyCalendar.Slot;
import cn.villagecounsel.api.duty.DutyRule.Recurrence;
import cn.villagecounsel.api.duty.DutyRule.Skip;

/** The calendar arithmetic on fixed dates (no clock, no database). */
class DutyCalendarTest {

    static DutyRule rule(Recurrence recurrence, String from, String until, DutyMode mode, List<Skip> exceptions) {
        return new DutyRule("r1", "a1", DutyKind.ON_SITE, "621025100201", null, "村委会", mode, recurrence, "09:00",
                "12:00", from, until, exceptions, null, null, "u", Instant.EPOCH, "u", Instant.EPOCH, 0L);
    }

    static List<LocalDate> days(DutyRule rule, String from, String to, Set<LocalDate> holidays) {
        return DutyCalendar.slots(rule, LocalDate.parse(from), LocalDate.parse(to), holidays).stream()
                .map(Slot::date).toList();
    }

    @Test
    void weeklyOnWeekdaysSkipsExceptionsAndHolidays() {
        DutyRule rule = rule(new Recurrence(Frequency.WEEKLY, List.of(1, 2, 3, 4, 5), 1, null, null),
                "2026-09-28", "2026-10-16", DutyMode.IN_PERSON, List.of(new Skip("2026-10-13", "培训")));
        Set<LocalDate> holidays = new DutyProperties(null, List.of("2026-10-01..2026-10-07"), null, true, null, null, null)
                .holidayDates();

        assertThat(days(rule, "2026-09-01", "2026-12-31", holidays)).containsExactly(
                LocalDate.parse("2026-09-28"), LocalDate.parse("2026-09-29"), LocalDate.parse("2026-09-30"),
                LocalDate.parse("2026-10-08"), LocalDate.parse("2026-10-09"), LocalDate.parse("2026-10-12"),
                LocalDate.parse("2026-10-14"), LocalDate.parse("2026-10-15"), LocalDate.parse("2026-10-16"));
        assertThat(DutyCalendar.describe(rule)).isEqualTo("每周一至周五 09:00–12:00");
    }

    @Test
    void everyOtherWeekCountsFromTheFirstWeek() {
        // 2026-12-02 is a Wednesday; the week of validFrom counts as the first
        DutyRule rule = rule(new Recurrence(Frequency.WEEKLY, List.of(1, 3), 2, null, null), "2026-12-02", "2027-01-10",
                DutyMode.VIDEO, List.of());

        assertThat(days(rule, "2026-11-01", "2027-01-31", Set.of())).containsExactly(
                LocalDate.parse("2026-12-02"), LocalDate.parse("2026-12-14"), LocalDate.parse("2026-12-16"),
                LocalDate.parse("2026-12-28"), LocalDate.parse("2026-12-30"));
        assertThat(DutyCalendar.describe(rule)).isEqualTo("每两周的周一、周三 09:00–12:00（视频）");
    }

    @Test
    void monthlyOnTheSecondTuesdayAndTheLastFriday() {
        DutyRule second = rule(new Recurrence(Frequency.MONTHLY, List.of(2), null, 2, null), "2026-12-01", "2027-03-31",
                DutyMode.IN_PERSON, List.of());
        DutyRule last = rule(new Recurrence(Frequency.MONTHLY, List.of(5), null, -1, null), "2026-12-01", "2027-03-31",
                DutyMode.PHONE, List.of());
        DutyRule fifth = rule(new Recurrence(Frequency.MONTHLY, List.of(2), null, 5, null), "2026-12-01", "2027-03-31",
                DutyMode.IN_PERSON, List.of());

        assertThat(days(second, "2026-12-01", "2027-03-31", Set.of())).containsExactly(LocalDate.parse("2026-12-08"),
                LocalDate.parse("2027-01-12"), LocalDate.parse("2027-02-09"), LocalDate.parse("2027-03-09"));
        assertThat(days(last, "2026-12-01", "2027-03-31", Set.of())).containsExactly(LocalDate.parse("2026-12-25"),
                LocalDate.parse("2027-01-29"), LocalDate.parse("2027-02-26"), LocalDate.parse("2027-03-26"));
        assertThat(days(fifth, "2026-12-01", "2027-03-31", Set.of())).containsExactly(LocalDate.parse("2026-12-29"),
                LocalDate.parse("2027-03-30"));
        assertThat(DutyCalendar.describe(second)).isEqualTo("每月第二个星期二 09:00–12:00");
        assertThat(DutyCalendar.describe(last)).isEqualTo("每月最后一个星期五 09:00–12:00（电话）");
    }

    @Test
    void onceIsOneDayAndTimesAreBeijingTime() {
        DutyRule rule = rule(new Recurrence(Frequency.ONCE, null, null, null, "2026-12-08"), "2026-12-08", "2026-12-08",
                DutyMode.IN_PERSON, List.of());

        List<Slot> slots = DutyCalendar.slots(rule, LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-31"), Set.of());
        assertThat(slots).singleElement().satisfies(slot -> {
            assertThat(slot.startAt()).isEqualTo(Instant.parse("2026-12-08T01:00:00Z"));
            assertThat(slot.endAt()).isEqualTo(Instant.parse("2026-12-08T04:00:00Z"));
        });
        assertThat(DutyCalendar.describe(rule)).isEqualTo("2026年12月8日（星期二） 09:00–12:00");
        assertThat(DutyCalendar.describe(rule(new Recurrence(Frequency.WEEKLY, List.of(6, 7), 1, null, null),
                "2026-12-01", "2026-12-31", DutyMode.IN_PERSON, List.of()))).isEqualTo("每周六、周日 09:00–12:00");
    }

    @Test
    void sessionIdsAreDeterministicAndStepAsideForKeptSessions() {
        DutyRule rule = rule(new Recurrence(Frequency.ONCE, null, null, null, "2026-12-08"), "2026-12-08", "2026-12-08",
                DutyMode.IN_PERSON, List.of());
        Slot slot = new Slot(LocalDate.parse("2026-12-08"), Instant.parse("2026-12-08T06:00:00Z"),
                Instant.parse("2026-12-08T07:00:00Z"));

        assertThat(SessionPlanner.idFor("r1", rule, slot, new HashSet<>())).isEqualTo("r1-20261208");
        Set<String> taken = new HashSet<>(Set.of("r1-20261208"));
        assertThat(SessionPlanner.idFor("r1", rule, slot, taken)).isEqualTo("r1-20261208-v0");
        assertThat(SessionPlanner.idFor("r1", rule, slot, taken)).isEqualTo("r1-20261208-v0-1400");
    }

    @Test
    void holidayRangesAreExpanded() {
        assertThat(new DutyProperties(null, List.of("2026-02-15..2026-02-23", "2026-05-01"), null, true, null, null, null)
                .holidayDates()).hasSize(10).contains(LocalDate.parse("2026-02-19"), LocalDate.parse("2026-05-01"));
    }
}
