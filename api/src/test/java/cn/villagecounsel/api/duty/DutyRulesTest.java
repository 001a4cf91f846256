package cn.villagecounsel.api.duty;

import static cn.villagecounsel.api.duty.DutyApi.HUAISHUZHUANG;
import static cn.villagecounsel.api.duty.DutyApi.LIULIN;
import static cn.villagecounsel.api.duty.DutyApi.NANBAO;
import static cn.villagecounsel.api.duty.DutyApi.SHANHE;
import static cn.villagecounsel.api.duty.DutyApi.XINGSHUWAN;
import static cn.villagecounsel.api.duty.DutyApi.body;
import static cn.villagecounsel.api.duty.DutyApi.dates;
import static cn.villagecounsel.api.duty.DutyApi.errorFields;
import static cn.villagecounsel.api.duty.DutyApi.kept;
import static cn.villagecounsel.api.duty.DutyApi.ok;
import static cn.villagecounsel.api.duty.DutyApi.ruleId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.common.AuditEntry;
import cn.villagecounsel.api.common.ChinaTime;
import reactor.core.publisher.Flux;

@IntegrationTest
class DutyRulesTest {

    static final String ADMIN_RULES = "/api/v1/admin/duty-rules";
    static final String ADVISOR_RULES = "/api/v1/advisor/duty-rules";

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    DutyProperties properties;

    @Autowired
    Clock clock;

    DutyApi api;
    LocalDate today;
    LocalDate horizonEnd;

    @BeforeEach
    void setUp() {
        api = new DutyApi(client);
        today = ChinaTime.today(clock);
        horizonEnd = today.plus(properties.horizon());
    }

    /** What the rule should produce, computed independently of the implementation. */
    List<LocalDate> expected(LocalDate from, LocalDate until, Predicate<LocalDate> recurs, Set<LocalDate> skipped) {
        List<LocalDate> days = new ArrayList<>();
        LocalDate last = until.isBefore(horizonEnd) ? until : horizonEnd;
        for (LocalDate day = from; !day.isAfter(last); day = day.plusDays(1)) {
            if (recurs.test(day) && !skipped.contains(day) && !properties.holidayDates().contains(day)) {
                days.add(day);
            }
        }
        return days;
    }

    @Test
    void aWeeklyRuleMaterialisesEveryTuesdayAndThursdayThroughTheHorizon() {
        String advisor = api.newAdvisor("周值班").get("id");
        LocalDate from = today.plusDays(1);
        Map<String, Object> change = api.created(DutyApi.weekly(advisor, LIULIN, List.of(2, 4), "09:00", "12:00", from,
                today.plusMonths(6)));

        List<LocalDate> want = expected(from, today.plusMonths(6),
                day -> day.getDayOfWeek() == DayOfWeek.TUESDAY || day.getDayOfWeek() == DayOfWeek.THURSDAY, Set.of());
        assertThat(change.get("sessions")).isEqualTo(want.size());
        assertThat(kept(change)).isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> rule = (Map<String, Object>) change.get("rule");
        assertThat(rule).containsEntry("schedule", "每周二、周四 09:00–12:00").containsEntry("regionName", "柳林村")
                .containsEntry("advisorName", "周值班").containsEntry("startTime", "09:00");

        List<Map<String, Object>> sessions = api.sessions(LIULIN, today, horizonEnd, ruleId(change));
        assertThat(dates(sessions)).containsExactlyElementsOf(want);
        Map<String, Object> first = sessions.get(0);
        LocalDate firstDay = want.get(0);
        assertThat(first).containsEntry("id", ruleId(change) + "-" + firstDay.toString().replace("-", ""))
                .containsEntry("start", "09:00").containsEntry("end", "12:00").containsEntry("status", "PLANNED")
                .containsEntry("kind", "ON_SITE").containsEntry("villageCode", LIULIN).containsEntry("bookedCount", 0)
                .containsEntry("advisorName", "周值班");
        // 09:00 Beijing time is 01:00 UTC
        assertThat(first.get("startAt")).isEqualTo(firstDay + "T01:00:00Z");
    }

    @Test
    void everyOtherWeekCountsFromTheWeekOfValidFrom() {
        String advisor = api.newAdvisor("隔周值班").get("id");
        LocalDate from = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        Map<String, Object> body = DutyApi.weekly(advisor, NANBAO, List.of(3), "14:00", "16:30", from, today.plusMonths(4));
        @SuppressWarnings("unchecked")
        Map<String, Object> recurrence = (Map<String, Object>) body.get("recurrence");
        recurrence.put("intervalWeeks", 2);
        Map<String, Object> change = api.created(body);

        List<LocalDate> want = expected(from, today.plusMonths(4),
                day -> day.getDayOfWeek() == DayOfWeek.WEDNESDAY
                        && java.time.temporal.ChronoUnit.WEEKS.between(from, day.with(DayOfWeek.MONDAY)) % 2 == 0,
                Set.of());
        assertThat(dates(api.sessions(NANBAO, today, horizonEnd, ruleId(change)))).containsExactlyElementsOf(want);
        assertThat(want.get(0)).isEqualTo(from.plusDays(2));
        @SuppressWarnings("unchecked")
        Map<String, Object> rule = (Map<String, Object>) change.get("rule");
        assertThat(rule.get("schedule")).isEqualTo("每两周的周三 14:00–16:30");
    }

    @Test
    void aMonthlyRuleFallsOnTheSecondTuesdayAndTheLastFriday() {
        String advisor = api.newAdvisor("月值班").get("id");
        LocalDate from = today.plusDays(1);
        Map<String, Object> second = api.created(DutyApi.monthly(advisor, XINGSHUWAN, 2, 2, "09:00", "11:00", from,
                today.plusYears(1)));
        Map<String, Object> last = api.created(DutyApi.monthly(advisor, XINGSHUWAN, -1, 5, "15:00", "17:00", from,
                today.plusYears(1)));

        List<LocalDate> secondTuesdays = expected(from, today.plusYears(1),
                day -> day.getDayOfWeek() == DayOfWeek.TUESDAY && day.getDayOfMonth() >= 8 && day.getDayOfMonth() <= 14,
                Set.of());
        List<LocalDate> lastFridays = expected(from, today.plusYears(1),
                day -> day.getDayOfWeek() == DayOfWeek.FRIDAY && day.plusDays(7).getMonthValue() != day.getMonthValue(),
                Set.of());
        assertThat(dates(api.sessions(XINGSHUWAN, today, horizonEnd, ruleId(second)))).containsExactlyElementsOf(secondTuesdays)
                .isNotEmpty();
        assertThat(dates(api.sessions(XINGSHUWAN, today, horizonEnd, ruleId(last)))).containsExactlyElementsOf(lastFridays)
                .isNotEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> rule = (Map<String, Object>) second.get("rule");
        assertThat(rule.get("schedule")).isEqualTo("每月第二个星期二 09:00–11:00");
    }

    @Test
    void exceptionsAndPublicHolidaysAreSkipped() {
        String advisor = api.newAdvisor("每日值班").get("id");
        LocalDate from = today.plusDays(1);
        Map<String, Object> body = DutyApi.weekly(advisor, LIULIN, List.of(1, 2, 3, 4, 5, 6, 7), "19:00", "20:00", from,
                today.plusMonths(3));
        LocalDate skipped = today.plusDays(10);
        body.put("exceptions", List.of(Map.of("date", skipped.toString(), "reason", "县里集中培训")));
        Map<String, Object> change = api.created(body);

        List<LocalDate> got = dates(api.sessions(LIULIN, today, horizonEnd, ruleId(change)));
        assertThat(got).containsExactlyElementsOf(expected(from, today.plusMonths(3), day -> true, Set.of(skipped)))
                .doesNotContain(skipped)
                .doesNotContainAnyElementsOf(properties.holidayDates())
                .contains(skipped.minusDays(1), skipped.plusDays(1));
        LocalDate newYear = LocalDate.of(today.getYear() + 1, 1, 1);
        if (newYear.isBefore(horizonEnd) && properties.holidayDates().contains(newYear)) {
            assertThat(got).doesNotContain(newYear).contains(newYear.minusDays(1));
        }
    }

    @Test
    void invalidRulesAreRefusedWithFieldErrors() {
        String advisor = api.newAdvisor("校验").get("id");
        LocalDate from = today.plusDays(1);

        Map<String, Object> endBeforeStart = DutyApi.weekly(advisor, LIULIN, List.of(1), "12:00", "09:00", from,
                from.minusDays(1));
        Map<String, Object> problem = body(api.create(api.admin, ADMIN_RULES, endBeforeStart), 400);
        assertThat(problem.get("code")).isEqualTo("VALIDATION_FAILED");
        assertThat(errorFields(problem)).containsExactlyInAnyOrder("endTime", "validUntil");

        problem = body(api.create(api.admin, ADMIN_RULES,
                DutyApi.weekly(advisor, "621025100299", List.of(), "09:00", "12:00", from, from.plusYears(3))), 400);
        assertThat(errorFields(problem)).containsExactlyInAnyOrder("recurrence.daysOfWeek", "validUntil");

        problem = body(api.create(api.admin, ADMIN_RULES,
                DutyApi.weekly(advisor, "621025100299", List.of(1), "09:00", "12:00", from, from.plusMonths(1))), 400);
        assertThat(errorFields(problem)).containsExactly("villageCode");
        assertThat(problem.get("detail")).isEqualTo("村（社区）621025100299 不存在。");

        Map<String, Object> onSiteAtStation = DutyApi.weekly(advisor, SHANHE, List.of(1), "09:00", "12:00", from,
                from.plusMonths(1));
        onSiteAtStation.put("stationCode", SHANHE);
        problem = body(api.create(api.admin, ADMIN_RULES, onSiteAtStation), 400);
        assertThat(errorFields(problem)).containsExactlyInAnyOrder("villageCode", "stationCode");

        Map<String, Object> deskInVillage = DutyApi.rule(advisor, "DESK", null, LIULIN,
                new HashMap<>(Map.of("frequency", "MONTHLY", "dayOfWeek", 2)), "09:00", "12:00", from, from.plusMonths(1));
        problem = body(api.create(api.admin, ADMIN_RULES, deskInVillage), 400);
        assertThat(errorFields(problem)).containsExactlyInAnyOrder("stationCode", "recurrence.weekOfMonth");

        problem = body(api.create(api.admin, ADMIN_RULES,
                DutyApi.weekly("no-such-advisor", LIULIN, List.of(1), "09:00", "12:00", from, from.plusMonths(1))), 400);
        assertThat(errorFields(problem)).containsExactly("advisorId");

        Map<String, Object> tooLongPlace = DutyApi.weekly(advisor, LIULIN, List.of(1), "09:00", "12:00", from,
                from.plusMonths(1));
        tooLongPlace.put("place", "村".repeat(61));
        problem = body(api.create(api.admin, ADMIN_RULES, tooLongPlace), 400);
        assertThat(errorFields(problem)).containsExactly("place");

        assertThat(api.rules(api.admin, ADMIN_RULES + "?advisorId=" + advisor)).isEmpty();
    }

    @Test
    void aSessionOverlappingAnotherDutyOfTheSameAdvisorIsAConflictAndNothingIsSaved() {
        String advisor = api.newAdvisor("冲突").get("id");
        LocalDate from = today.plusDays(1);
        api.created(DutyApi.weekly(advisor, LIULIN, List.of(2), "09:00", "12:00", from, today.plusMonths(6)));
        LocalDate tuesday = from.with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
        while (properties.holidayDates().contains(tuesday)) {
            tuesday = tuesday.plusWeeks(1);
        }

        Map<String, Object> problem = body(api.create(api.admin, ADMIN_RULES,
                DutyApi.once(advisor, XINGSHUWAN, tuesday, "11:30", "13:00")), 409);
        assertThat(problem.get("code")).isEqualTo("SESSION_OVERLAP");
        assertThat((String) problem.get("detail")).contains(tuesday.toString(), "09:00–12:00", "11:30–13:00");

        // desk duty on every weekday overlaps too, and is refused as a whole
        Map<String, Object> desk = DutyApi.rule(advisor, "DESK", null, SHANHE,
                new HashMap<>(Map.of("frequency", "WEEKLY", "daysOfWeek", List.of(1, 2, 3, 4, 5))), "08:30", "09:30",
                from, today.plusMonths(6));
        assertThat(body(api.create(api.admin, ADMIN_RULES, desk), 409).get("code")).isEqualTo("SESSION_OVERLAP");

        // the same hours on another day, or back to back, are fine
        api.created(DutyApi.once(advisor, XINGSHUWAN, tuesday, "12:00", "13:00"));
        assertThat(api.rules(api.admin, ADMIN_RULES + "?advisorId=" + advisor)).hasSize(2);
        assertThat(api.sessions(SHANHE, today, horizonEnd, null).stream()
                .filter(session -> advisor.equals(session.get("advisorId"))).map(session -> session.get("kind")))
                .doesNotContain("DESK");
    }

    @Test
    void overlapsBeyondTheMaterialisedHorizonAreFoundToo() {
        String advisor = api.newAdvisor("远期冲突").get("id");
        LocalDate later = horizonEnd.plusWeeks(3).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        api.created(DutyApi.weekly(advisor, LIULIN, List.of(1), "09:00", "12:00", later, later.plusMonths(2)));
        LocalDate monday = later.plusWeeks(1);
        while (properties.holidayDates().contains(monday)) {
            monday = monday.plusWeeks(1);
        }

        Map<String, Object> problem = body(api.create(api.admin, ADMIN_RULES,
                DutyApi.once(advisor, NANBAO, monday, "10:00", "11:00")), 409);
        assertThat((String) problem.get("detail")).contains(monday.toString());
    }

    @Test
    void editingARuleDeletesUnbookedSessionsAndKeepsBookedOnes() {
        String advisor = api.newAdvisor("改规则").get("id");
        LocalDate from = today.plusDays(1);
        LocalDate until = today.plusMonths(6);
        Map<String, Object> change = api.created(DutyApi.weekly(advisor, LIULIN, List.of(2), "09:00", "12:00", from, until));
        String ruleId = ruleId(change);
        List<Map<String, Object>> before = api.sessions(LIULIN, today, horizonEnd, ruleId);
        String booked = (String) before.get(1).get("id");
        book(booked, 2);

        Map<String, Object> edited = ok(api.update(api.admin, ADMIN_RULES, ruleId,
                DutyApi.weekly(advisor, LIULIN, List.of(3), "09:00", "12:00", from, until)));

        assertThat(kept(edited)).singleElement().satisfies(session -> assertThat(session)
                .containsEntry("id", booked).containsEntry("status", "DETACHED").containsEntry("bookedCount", 2));
        List<Map<String, Object>> after = api.sessions(LIULIN, today, horizonEnd, ruleId);
        List<LocalDate> wednesdays = expected(from, until, day -> day.getDayOfWeek() == DayOfWeek.WEDNESDAY, Set.of());
        assertThat(after.stream().filter(session -> "PLANNED".equals(session.get("status"))).toList())
                .extracting(session -> LocalDate.parse((String) session.get("date")))
                .containsExactlyElementsOf(wednesdays);
        assertThat(edited.get("sessions")).isEqualTo(wednesdays.size());
        // of the Tuesdays only the booked one is left
        assertThat(after.stream().filter(session -> LocalDate.parse((String) session.get("date")).getDayOfWeek()
                == DayOfWeek.TUESDAY)).extracting(session -> session.get("id")).containsExactly(booked);
    }

    @Test
    void aNewTimeMovesUnbookedSessionsAndKeepsTheBookedOneBesideItsReplacement() {
        String advisor = api.newAdvisor("改时间").get("id");
        LocalDate from = today.plusDays(1);
        LocalDate until = today.plusMonths(6);
        Map<String, Object> change = api.created(DutyApi.weekly(advisor, NANBAO, List.of(4), "09:00", "12:00", from, until));
        String ruleId = ruleId(change);
        List<Map<String, Object>> before = api.sessions(NANBAO, today, horizonEnd, ruleId);
        Map<String, Object> bookedSession = before.get(0);
        String booked = (String) bookedSession.get("id");
        String unbooked = (String) before.get(1).get("id");
        book(booked, 1);

        Map<String, Object> edited = ok(api.update(api.admin, ADMIN_RULES, ruleId,
                DutyApi.weekly(advisor, NANBAO, List.of(4), "14:00", "17:00", from, until)));

        assertThat(kept(edited)).extracting(session -> session.get("id")).containsExactly(booked);
        List<Map<String, Object>> after = api.sessions(NANBAO, today, horizonEnd, ruleId);
        assertThat(after).filteredOn(session -> session.get("id").equals(unbooked)).singleElement()
                .satisfies(session -> assertThat(session).containsEntry("start", "14:00").containsEntry("status", "PLANNED"));
        assertThat(after).filteredOn(session -> session.get("date").equals(bookedSession.get("date")))
                .extracting(session -> session.get("start") + " " + session.get("status") + " " + session.get("id"))
                .containsExactly("09:00 DETACHED " + booked, "14:00 PLANNED " + booked + "-v1");

        // only the wording of the place changes: the booked replacement is updated, not detached
        book(booked + "-v1", 3);
        Map<String, Object> renamed = DutyApi.weekly(advisor, NANBAO, List.of(4), "14:00", "17:00", from, until);
        renamed.put("place", "南堡村新村部二楼");
        Map<String, Object> again = ok(api.update(api.admin, ADMIN_RULES, ruleId, renamed));
        assertThat(kept(again)).isEmpty();
        assertThat(api.sessions(NANBAO, today, horizonEnd, ruleId)).filteredOn(s -> s.get("id").equals(booked + "-v1"))
                .singleElement().satisfies(s -> assertThat(s).containsEntry("place", "南堡村新村部二楼")
                        .containsEntry("status", "PLANNED"));
    }

    @Test
    void deletingARuleKeepsOnlyBookedSessions() {
        String advisor = api.newAdvisor("删规则").get("id");
        Map<String, Object> change = api.created(DutyApi.weekly(advisor, XINGSHUWAN, List.of(1, 5), "09:00", "10:00",
                today.plusDays(1), today.plusMonths(6)));
        String ruleId = ruleId(change);
        String booked = (String) api.sessions(XINGSHUWAN, today, horizonEnd, ruleId).get(2).get("id");
        book(booked, 1);

        Map<String, Object> deleted = ok(api.delete(api.admin, ADMIN_RULES, ruleId));

        assertThat(deleted.get("sessions")).isEqualTo(0);
        assertThat(kept(deleted)).extracting(session -> session.get("id")).containsExactly(booked);
        assertThat(api.sessions(XINGSHUWAN, today, horizonEnd, ruleId)).extracting(session -> session.get("id") + " "
                + session.get("status")).containsExactly(booked + " DETACHED");
        assertThat(api.rules(api.admin, ADMIN_RULES + "?advisorId=" + advisor)).isEmpty();
        body(api.delete(api.admin, ADMIN_RULES, ruleId), 404);
    }

    @Test
    void anAdvisorKeepsTheirOwnDutiesInTheVillagesTheyServeOnly() {
        Map<String, String> advisor = api.newAdvisor("顾问本人");
        api.serve(advisor.get("id"), LIULIN, today);
        String token = api.staffToken(advisor.get("username"), advisor.get("password"));
        LocalDate from = today.plusDays(1);

        Map<String, Object> own = DutyApi.weekly(null, LIULIN, List.of(5), "09:00", "11:00", from, today.plusMonths(2));
        Map<String, Object> change = DutyApi.created(api.create(token, ADVISOR_RULES, own));
        assertThat(change.get("sessions")).isNotEqualTo(0);
        String ruleId = ruleId(change);

        own.put("endTime", "11:30");
        ok(api.update(token, ADVISOR_RULES, ruleId, own));
        assertThat(api.rules(token, ADVISOR_RULES)).extracting(rule -> rule.get("id") + " " + rule.get("endTime"))
                .containsExactly(ruleId + " 11:30");

        // desk duty at the township of a served village is theirs to set too
        DutyApi.created(api.create(token, ADVISOR_RULES, DutyApi.rule(null, "DESK", null, SHANHE,
                new HashMap<>(Map.of("frequency", "WEEKLY", "daysOfWeek", List.of(1))), "14:00", "17:00", from,
                today.plusMonths(2))));

        // another village, another advisor's duty, or somebody else's rule: 403
        assertThat(body(api.create(token, ADVISOR_RULES,
                DutyApi.weekly(null, XINGSHUWAN, List.of(5), "14:00", "15:00", from, today.plusMonths(2))), 403)
                .get("code")).isEqualTo("FORBIDDEN");
        String other = api.newAdvisor("别的顾问").get("id");
        body(api.create(token, ADVISOR_RULES, DutyApi.weekly(other, LIULIN, List.of(5), "14:00", "15:00", from,
                today.plusMonths(2))), 403);
        String othersRule = ruleId(api.created(DutyApi.weekly(other, LIULIN, List.of(3), "14:00", "15:00", from,
                today.plusMonths(2))));
        body(api.update(token, ADVISOR_RULES, othersRule, own), 403);
        body(api.delete(token, ADVISOR_RULES, othersRule), 403);
        body(api.update(token, ADVISOR_RULES, ruleId, DutyApi.weekly(null, XINGSHUWAN, List.of(5), "09:00", "11:00",
                from, today.plusMonths(2))), 403);

        // advisors use their own paths only
        body(api.create(token, ADMIN_RULES, own), 403);
        body(api.create(api.admin, ADVISOR_RULES, own), 403);

        ok(api.delete(token, ADVISOR_RULES, ruleId));
    }

    @Test
    void anAdminActsOnlyInsideTheirRegion() {
        String township = api.staffToken("shanhe-admin", DutyApi.PASSWORD);
        String advisor = api.newAdvisor("辖区").get("id");
        LocalDate from = today.plusDays(1);

        assertThat(body(api.create(township, ADMIN_RULES,
                DutyApi.weekly(advisor, HUAISHUZHUANG, List.of(1), "09:00", "12:00", from, today.plusMonths(1))), 403)
                .get("code")).isEqualTo("FORBIDDEN");
        // county-level desk duty is outside a township admin's region as well
        body(api.create(township, ADMIN_RULES, DutyApi.rule(advisor, "DESK", null, DutyApi.ZHENGNING,
                new HashMap<>(Map.of("frequency", "WEEKLY", "daysOfWeek", List.of(1))), "09:00", "12:00", from,
                today.plusMonths(1))), 403);

        String outside = ruleId(api.created(DutyApi.weekly(advisor, HUAISHUZHUANG, List.of(1), "09:00", "12:00", from,
                today.plusMonths(1))));
        body(api.update(township, ADMIN_RULES, outside,
                DutyApi.weekly(advisor, LIULIN, List.of(1), "09:00", "12:00", from, today.plusMonths(1))), 403);
        body(api.delete(township, ADMIN_RULES, outside), 403);
        client.get().uri("/api/v1/admin/duty-sessions?village=" + HUAISHUZHUANG).headers(h -> h.setBearerAuth(township))
                .exchange().expectStatus().isForbidden();
        client.get().uri(ADMIN_RULES + "?village=621025101000").headers(h -> h.setBearerAuth(township))
                .exchange().expectStatus().isForbidden();

        String inside = ruleId(DutyApi.created(api.create(township, ADMIN_RULES,
                DutyApi.weekly(advisor, LIULIN, List.of(6), "09:00", "12:00", from, today.plusMonths(1)))));
        assertThat(api.rules(township, ADMIN_RULES)).extracting(rule -> rule.get("id")).contains(inside)
                .doesNotContain(outside);
        String residents = cn.villagecounsel.api.Sessions.accessToken(cn.villagecounsel.api.Sessions.wechat(client, "值班村民"));
        client.get().uri(ADMIN_RULES).headers(h -> h.setBearerAuth(residents)).exchange().expectStatus().isForbidden();
    }

    @Test
    void anAdminCancelsASessionOnceWithAReason() {
        String advisor = api.newAdvisor("取消").get("id");
        Map<String, Object> change = api.created(DutyApi.weekly(advisor, LIULIN, List.of(6), "09:00", "12:00",
                today.plusDays(1), today.plusMonths(2)));
        String ruleId = ruleId(change);
        String session = (String) api.sessions(LIULIN, today, horizonEnd, ruleId).get(0).get("id");
        String before = redis.opsForValue().get("vc:dir:gen:" + LIULIN).block();

        Map<String, Object> cancelled = ok(client.post().uri("/api/v1/admin/duty-sessions/{id}/cancellation", session)
                .headers(h -> h.setBearerAuth(api.admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "顾问出庭")).exchange());
        assertThat(cancelled).containsEntry("status", "CANCELLED").containsEntry("cancelReason", "顾问出庭");
        assertThat(redis.opsForValue().get("vc:dir:gen:" + LIULIN).block()).isNotEqualTo(before);

        ok(client.post().uri("/api/v1/admin/duty-sessions/{id}/cancellation", session)
                .headers(h -> h.setBearerAuth(api.admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "再次取消")).exchange());
        assertThat(api.sessions(LIULIN, today, horizonEnd, ruleId).get(0)).containsEntry("status", "CANCELLED")
                .containsEntry("cancelReason", "顾问出庭");

        // a place change leaves the cancelled day cancelled
        Map<String, Object> moved = DutyApi.weekly(advisor, LIULIN, List.of(6), "09:00", "12:00", today.plusDays(1),
                today.plusMonths(2));
        moved.put("place", "柳林村文化广场");
        ok(api.update(api.admin, ADMIN_RULES, ruleId, moved));
        assertThat(api.sessions(LIULIN, today, horizonEnd, ruleId).get(0)).containsEntry("status", "CANCELLED")
                .containsEntry("place", "柳林村文化广场");

        String township = api.staffToken("shanhe-admin", DutyApi.PASSWORD);
        body(client.post().uri("/api/v1/admin/duty-sessions/{id}/cancellation", "nope-20261208")
                .headers(h -> h.setBearerAuth(township)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "x")).exchange(), 404);
        body(client.post().uri("/api/v1/admin/duty-sessions/{id}/cancellation", session)
                .headers(h -> h.setBearerAuth(api.admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", " ")).exchange(), 400);

        assertThat(mongo.find(query(where("target").in(ruleId, session)), AuditEntry.class).map(AuditEntry::action)
                .collectList().block()).contains("duty.rule.create", "duty.session.cancel", "duty.rule.update");
    }

    @Test
    void concurrentOverlappingRulesForOneAdvisorCannotBothBeSaved() {
        String advisor = api.newAdvisor("并发").get("id");
        LocalDate from = today.plusDays(1);
        List<String> villages = List.of(LIULIN, XINGSHUWAN, NANBAO, "621025100001");
        // A non-blocking client, so the requests really are in flight together.
        WebClient concurrent = WebClient.create("http://127.0.0.1:" + port);
        List<Integer> statuses = Flux.range(0, 8)
                .flatMap(i -> concurrent.post().uri(ADMIN_RULES).headers(h -> h.setBearerAuth(api.admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(DutyApi.weekly(advisor, villages.get(i % villages.size()), List.of(1, 2, 3, 4, 5),
                                "09:00", "12:00", from, today.plusMonths(3)))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 8)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(statuses).hasSize(8).containsOnlyOnce(201).containsOnly(201, 409);
        assertThat(api.rules(api.admin, ADMIN_RULES + "?advisorId=" + advisor)).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiDocumentDescribesTheDutyOperations() {
        Map<String, Object> doc = client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>) doc.get("paths");
        assertThat(paths).containsKeys(ADMIN_RULES, ADMIN_RULES + "/{id}", ADVISOR_RULES, ADVISOR_RULES + "/{id}",
                "/api/v1/admin/duty-sessions", "/api/v1/admin/duty-sessions/{id}/cancellation");
        assertThat(paths.get(ADMIN_RULES).get("post").get("summary")).isEqualTo("新建值班规则");
        assertThat(paths.get(ADMIN_RULES).get("post").get("tags")).isEqualTo(List.of("值班安排"));
    }

    /** Simulates the booking feature: residents booked this session. */
    private void book(String sessionId, int count) {
        assertThat(mongo.updateFirst(query(where("_id").is(sessionId)), Update.update("bookedCount", count),
                "duty_sessions").block().getMatchedCount()).isEqualTo(1);
    }
}
