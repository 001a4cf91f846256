package cn.villagecounsel.api.duty;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import cn.villagecounsel.api.common.ChinaTime;
import cn.villagecounsel.api.duty.DutyRule.Recurrence;

/**
 * The days a rule holds and their times: recurrence, validity, the rule's own exceptions and the configured
 * public holidays. Wall-clock times are Beijing time; instants are what is stored and compared.
 */
@Component
class DutyCalendar {

    static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

    /** One day of a rule with its start and end. */
    record Slot(LocalDate date, Instant startAt, Instant endAt) {
    }

    private final Set<LocalDate> holidays;
    private final Period horizon;
    private final Clock clock;

    DutyCalendar(DutyProperties properties, Clock clock) {
        this.holidays = properties.holidayDates();
        this.horizon = properties.horizon();
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    LocalDate today() {
        return ChinaTime.today(clock);
    }

    /** The last day sessions are materialised for, seen from {@code today}. */
    LocalDate horizonEnd(LocalDate today) {
        return today.plus(horizon);
    }

    /** The rule's sessions on the days {@code from..to} (inclusive), by date. */
    List<Slot> slots(DutyRule rule, LocalDate from, LocalDate to) {
        return slots(rule, from, to, holidays);
    }

    static List<Slot> slots(DutyRule rule, LocalDate from, LocalDate to, Set<LocalDate> holidays) {
        LocalDate first = later(from, rule.from());
        LocalDate last = earlier(to, rule.until());
        List<Slot> slots = new ArrayList<>();
        if (last.isBefore(first)) {
            return slots;
        }
        Set<LocalDate> skipped = rule.skippedDays();
        LocalTime start = rule.start();
        LocalTime end = rule.end();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (recurs(rule.recurrence(), rule.from(), day) && !skipped.contains(day) && !holidays.contains(day)) {
                slots.add(new Slot(day, instant(day, start), instant(day, end)));
            }
        }
        return slots;
    }

    /** Whether the recurrence (ignoring exceptions and holidays) falls on {@code day}. */
    static boolean recurs(Recurrence recurrence, LocalDate validFrom, LocalDate day) {
        return switch (recurrence.frequency()) {
            case ONCE -> day.equals(recurrence.onceDate());
            case WEEKLY -> recurrence.daysOfWeek().contains(day.getDayOfWeek().getValue())
                    && ChronoUnit.WEEKS.between(mondayOf(validFrom), mondayOf(day)) % recurrence.interval() == 0;
            case MONTHLY -> recurrence.daysOfWeek().contains(day.getDayOfWeek().getValue())
                    && (recurrence.weekOfMonth() == -1 ? day.plusWeeks(1).getMonth() != day.getMonth()
                            : (day.getDayOfMonth() - 1) / 7 + 1 == recurrence.weekOfMonth());
        };
    }

    static Instant instant(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(ChinaTime.ZONE).toInstant();
    }

    static Instant startOfDay(LocalDate day) {
        return day.atStartOfDay(ChinaTime.ZONE).toInstant();
    }

    static String wallClock(Instant instant) {
        return HH_MM.format(instant.atZone(ChinaTime.ZONE));
    }

    private static LocalDate mondayOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    // ---- Chinese summaries for the notice board ----

    private static final String[] DAY_NAMES = {"一", "二", "三", "四", "五", "六", "日"};
    private static final String[] ORDINALS = {"一", "二", "三", "四", "五"};
    private static final String[] COUNTS = {"", "", "两", "三", "四"};

    /** E.g. "每周一至周五 09:00–12:00", "每月第二个星期二 09:00–12:00", "每两周的周三 14:30–17:00（电话）". */
    static String describe(DutyRule rule) {
        Recurrence recurrence = rule.recurrence();
        String days = switch (recurrence.frequency()) {
            case WEEKLY -> (recurrence.interval() == 1 ? "每周" : "每" + COUNTS[recurrence.interval()] + "周的周")
                    + dayList(recurrence.daysOfWeek(), "周");
            case MONTHLY -> "每月" + (recurrence.weekOfMonth() == -1 ? "最后一个" : "第" + ORDINALS[recurrence.weekOfMonth() - 1] + "个")
                    + "星期" + dayList(recurrence.daysOfWeek(), "星期");
            case ONCE -> {
                LocalDate date = recurrence.onceDate();
                yield date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日（星期"
                        + DAY_NAMES[date.getDayOfWeek().getValue() - 1] + "）";
            }
        };
        String via = switch (rule.mode()) {
            case IN_PERSON -> "";
            case PHONE -> "（电话）";
            case VIDEO -> "（视频）";
        };
        return days + " " + rule.startTime() + "–" + rule.endTime() + via;
    }

    /** "一至五", "一、三、五", "六、周日": runs of three or more days become a range. */
    private static String dayList(List<Integer> daysOfWeek, String prefix) {
        List<Integer> days = new ArrayList<>(new TreeSet<>(daysOfWeek));
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < days.size()) {
            int j = i;
            while (j + 1 < days.size() && days.get(j + 1) == days.get(j) + 1) {
                j++;
            }
            if (text.length() > 0) {
                text.append("、").append(prefix);
            }
            if (j - i >= 2) {
                text.append(DAY_NAMES[days.get(i) - 1]).append("至").append(prefix).append(DAY_NAMES[days.get(j) - 1]);
                i = j + 1;
            } else {
                text.append(DAY_NAMES[days.get(i) - 1]);
                i++;
            }
        }
        return text.toString();
    }
}
