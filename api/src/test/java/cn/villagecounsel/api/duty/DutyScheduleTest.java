package cn.villagecounsel.api.duty;

import static cn.villagecounsel.api.duty.DutyApi.LIULIN;
import static cn.villagecounsel.api.duty.DutyApi.NANBAO;
import static cn.villagecounsel.api.duty.DutyApi.SHANHE;
import static cn.villagecounsel.api.duty.DutyApi.ZHENGNING;
import static cn.villagecounsel.api.duty.DutyApi.ruleId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.common.ChinaTime;
import cn.villagecounsel.api.IntegrationTest;

@IntegrationTest
class DutyScheduleTest {

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    DutySchedule schedule;

    @Autowired
    DutyExtension extension;

    @Autowired
    DutyProperties properties;

    @Autowired
    Clock clock;

    DutyApi api;
    LocalDate today;

    @BeforeEach
    void setUp() {
        api = new DutyApi(client);
        today = ChinaTime.today(clock);
    }

    @Test
    void theBoardShowsTheVillagesSessionsAndTheDeskDutyCoveringIt() {
        String li = api.newAdvisor("李驻村").get("id");
        String wang = api.newAdvisor("王坐班").get("id");
        String zhao = api.newAdvisor("赵县里").get("id");
        LocalDate from = today.plusDays(1);
        String onSite = ruleId(api.created(DutyApi.weekly(li, NANBAO, List.of(2), "09:00", "12:00", from,
                today.plusMonths(3))));
        String elsewhere = ruleId(api.created(DutyApi.weekly(li, LIULIN, List.of(3), "09:00", "12:00", from,
                today.plusMonths(3))));
        Map<String, Object> weekdays = new HashMap<>(Map.of("frequency", "WEEKLY", "daysOfWeek", List.of(1, 2, 3, 4, 5)));
        Map<String, Object> desk = DutyApi.rule(wang, "DESK", null, SHANHE, weekdays, "09:00", "12:00", from,
                today.plusMonths(3));
        desk.put("place", "山河镇公共法律服务工作站");
        String township = ruleId(api.created(desk));
        Map<String, Object> county = DutyApi.rule(zhao, "DESK", null, ZHENGNING,
                new HashMap<>(Map.of("frequency", "MONTHLY", "weekOfMonth", 2, "daysOfWeek", List.of(2))), "14:00",
                "17:00", from, today.plusMonths(3));
        county.put("place", "正宁县公共法律服务中心");
        county.put("mode", "PHONE");
        api.created(county);

        List<DutySessionCard> cards = schedule.upcoming(NANBAO, today, today.plusWeeks(8)).collectList().block();
        assertThat(cards).isSortedAccordingTo(java.util.Comparator.comparing(DutySessionCard::startAt));
        assertThat(cards).filteredOn(card -> card.id().startsWith(onSite)).isNotEmpty()
                .allSatisfy(card -> assertThat(card).extracting(DutySessionCard::advisorName, DutySessionCard::kind,
                        DutySessionCard::start, DutySessionCard::end).containsExactly("李驻村", DutyKind.ON_SITE, "09:00", "12:00"));
        assertThat(cards).filteredOn(card -> card.id().startsWith(township)).isNotEmpty()
                .allSatisfy(card -> assertThat(card.kind()).isEqualTo(DutyKind.DESK));
        assertThat(cards).filteredOn(card -> card.advisorName().equals("赵县里")).isNotEmpty();
        assertThat(cards).noneMatch(card -> card.id().startsWith(elsewhere));

        assertThat(schedule.deskDuty(NANBAO).collectList().block())
                .contains(new DeskDutyLine("王坐班", "山河镇公共法律服务工作站", "每周一至周五 09:00–12:00"),
                        new DeskDutyLine("赵县里", "正宁县公共法律服务中心", "每月第二个星期二 14:00–17:00（电话）"));

        // the desk duty's township sessions are the board's, and a cancelled session leaves it
        String first = cards.stream().filter(card -> card.id().startsWith(onSite)).findFirst().orElseThrow().id();
        DutyApi.ok(client.post().uri("/api/v1/admin/duty-sessions/{id}/cancellation", first)
                .headers(h -> h.setBearerAuth(api.admin)).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "临时有事")).exchange());
        assertThat(schedule.upcoming(NANBAO, today, today.plusWeeks(8)).map(DutySessionCard::id).collectList().block())
                .doesNotContain(first);
    }

    @Test
    void coverageCountsOnSiteSessionsPerVillage() {
        // The demo county already plans sessions in these villages: count what this rule adds.
        LocalDate to = today.plusWeeks(4);
        List<String> villages = List.of("621025102201", "621025102202");
        Map<String, Long> before = schedule.onSiteSessionsCount(villages, today, to).block();
        String advisor = api.newAdvisor("覆盖").get("id");
        String rule = ruleId(api.created(DutyApi.weekly(advisor, "621025102201", List.of(1, 4), "09:00", "10:00",
                today.plusDays(1), today.plusMonths(3))));
        long expected = api.sessions("621025102201", today, to, rule).size();

        Map<String, Long> counts = schedule.onSiteSessionsCount(villages, today, to).block();

        assertThat(counts).containsEntry("621025102202", before.get("621025102202"));
        assertThat(counts.get("621025102201") - before.get("621025102201")).isEqualTo(expected).isPositive();
    }

    @Test
    void theExtensionIsIdempotentAndRepairsMissingSessions() {
        String advisor = api.newAdvisor("延展").get("id");
        String rule = ruleId(api.created(DutyApi.weekly(advisor, "621025102203", List.of(2, 5), "15:00", "16:00",
                today.plusDays(1), today.plusMonths(6))));
        LocalDate horizonEnd = today.plus(properties.horizon());
        List<String> before = ids(rule);
        assertThat(before).isNotEmpty();

        assertThat(runExtension().ran()).isTrue();
        assertThat(runExtension().ran()).isTrue();
        assertThat(ids(rule)).containsExactlyElementsOf(before);
        assertThat(mongo.count(query(where("ruleId").is(rule)), DutySession.class).block()).isEqualTo(before.size());

        // a session lost between saving the rule and writing its sessions comes back with the same id
        mongo.remove(query(where("_id").is(before.get(1))), DutySession.class).block();
        runExtension();
        assertThat(ids(rule)).containsExactlyElementsOf(before);
        assertThat(api.sessions("621025102203", today, horizonEnd, rule)).hasSize(before.size());
    }

    @Test
    void theDailyRunHappensOncePerDayAcrossInstances() {
        // the start-up run (or an earlier test) has marked today as done, or does so now
        runExtension();
        assertThat(extension.run(false).block().ran()).isFalse();
    }

    private List<String> ids(String rule) {
        return mongo.find(query(where("ruleId").is(rule)).with(org.springframework.data.domain.Sort.by("startAt")),
                DutySession.class).map(DutySession::id).collectList().block();
    }

    /** Runs the extension as soon as no other run holds the lease. */
    private DutyExtension.Run runExtension() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            DutyExtension.Run run = extension.run(true).block();
            if (run.ran() || System.nanoTime() > deadline) {
                return run;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return run;
            }
        }
    }
}
