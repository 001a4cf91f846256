package cn.villagecounsel.api.question;

import static cn.villagecounsel.api.question.QuestionApi.actions;
import static cn.villagecounsel.api.question.QuestionApi.body;
import static cn.villagecounsel.api.question.QuestionApi.form;
import static cn.villagecounsel.api.question.QuestionApi.history;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.notification.Notification;
import cn.villagecounsel.api.question.QuestionApi.Advisor;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** The shared queue: claims, leases, widening to the township and county, and what the holder does. */
@IntegrationTest
class AnswerQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    QuestionSweep sweep;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    QuestionApi api;

    @BeforeEach
    void setUp() {
        api = new QuestionApi(client);
    }

    @Test
    void ofManyAdvisorsClaimingAtOnceExactlyOneWins() {
        String village = api.village("抢答村");
        List<Advisor> advisors = IntStream.range(0, 12).mapToObj(i -> api.advisor("抢答顾问" + i, village)).toList();
        String id = api.asked(api.resident("郑一"), village, "宅基地被村里收回了，能要求补偿吗？");
        WebClient web = WebClient.create("http://localhost:" + port);

        List<Integer> statuses = Flux.fromIterable(advisors)
                .flatMap(advisor -> web.post().uri("/api/v1/questions/{id}/claim", id)
                        .headers(h -> h.setBearerAuth(advisor.token()))
                        .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                                .map(text -> response.statusCode().value()))
                        .subscribeOn(Schedulers.parallel()), advisors.size())
                .collectList().block(Duration.ofSeconds(60));

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(advisors.size() - 1);
        Question stored = mongo.findById(id, Question.class).block(WAIT);
        assertThat(stored.history()).filteredOn(entry -> entry.action().equals("CLAIMED")).hasSize(1);
        assertThat(stored.involvedAdvisorIds()).containsExactly(stored.claim().advisorId());
        Advisor loser = advisors.stream().filter(advisor -> !advisor.id().equals(stored.claim().advisorId())).findFirst()
                .orElseThrow();
        assertThat(body(api.claim(loser.token(), id), 409)).containsEntry("code", "ALREADY_CLAIMED")
                .extracting(problem -> (String) problem.get("detail")).asString().contains("已被其他法律顾问认领");
    }

    @Test
    void theQueueShowsUrgentAndGreenChannelFirstThenTheLongestWaiting() {
        String village = api.village("排序村");
        Advisor advisor = api.advisor("排序村顾问", village);
        String resident = api.resident("排序");
        String plain = api.asked(resident, village, "普通问题：土地流转合同怎么签？");
        Map<String, Object> green = form(village, "绿色通道：八十岁老人的养老金被人冒领");
        green.put("greenChannel", true);
        String greenId = (String) body(api.ask(resident, green), 201).get("id");
        Map<String, Object> urgent = form(village, "紧急：明天就要在拆迁协议上签字了");
        urgent.put("urgent", true);
        String urgentId = (String) body(api.ask(resident, urgent), 201).get("id");

        assertThat(api.queue(advisor.token())).extracting(item -> item.get("id")).containsExactly(urgentId, greenId, plain);
        // one at a time: the cursor carries on after the first
        Map<String, Object> first = body(api.get(advisor.token(), "/api/v1/queue?limit=1"), 200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rest = (List<Map<String, Object>>) body(api.get(advisor.token(),
                "/api/v1/queue?limit=5&cursor={c}", first.get("nextCursor")), 200).get("items");
        assertThat(rest).extracting(item -> item.get("id")).containsExactly(greenId, plain);
        assertThat(body(api.get(advisor.token(), "/api/v1/queue?cursor=bad"), 400)).containsEntry("code", "VALIDATION_FAILED");
        // an advisor's own profile lists the villages they serve
        assertThat(body(api.get(advisor.token(), "/api/v1/me"), 200).get("servedVillages")).asList()
                .singleElement().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("code", village).containsEntry("name", "排序村");
    }

    @Test
    void anUnclaimedQuestionWidensToTheTownshipThenTheCountyAndEachStepIsToldAndRecorded() {
        String village = api.village("扩大村");
        Advisor own = api.advisor("扩大村顾问", village);
        Advisor township = api.advisor("同镇顾问", api.village("同镇村"));
        String id = api.asked(api.resident("冯二"), village, "被电动车撞伤了，对方不赔怎么办？");

        assertThat(api.queue(township.token())).extracting(item -> item.get("id")).doesNotContain(id);
        dueForEscalation(id);
        sweep.sweepOnce().block(WAIT);

        Map<String, Object> widened = api.question(township.token(), id);
        assertThat(widened).containsEntry("poolLevel", "TOWNSHIP");
        assertThat(history(widened)).containsExactly("ASKED", "ESCALATED");
        assertThat(api.queue(township.token())).extracting(item -> item.get("id")).contains(id);
        assertThat(notifications(userId(township.token()), "question.escalated")).singleElement()
                .satisfies(told -> assertThat(told.body()).contains("扩大村", "乡镇统筹"));
        // the village's own advisor still sees and may claim it
        assertThat(actions(api.question(own.token(), id))).containsExactly("CLAIM");

        dueForEscalation(id);
        sweep.sweepOnce().block(WAIT);
        sweep.sweepOnce().block(WAIT);
        Map<String, Object> county = api.question(township.token(), id);
        assertThat(county).containsEntry("poolLevel", "COUNTY");
        assertThat(history(county)).containsExactly("ASKED", "ESCALATED", "ESCALATED");
        assertThat(county.get("escalateAt")).isNull();
        body(api.claim(township.token(), id), 200);
    }

    @Test
    void aLeaseThatRunsOutReturnsTheQuestionAndTheFormerHolderCanNoLongerAnswer() {
        String village = api.village("租期村");
        Advisor first = api.advisor("租期顾问甲", village);
        Advisor second = api.advisor("租期顾问乙", village);
        String id = api.asked(api.resident("陈三"), village, "土地承包合同到期了，村里要收回，合法吗？");
        Map<String, Object> claimed = body(api.claim(first.token(), id), 200);
        assertThat(actions(claimed)).containsExactly("RENEW", "ANSWER", "RELEASE", "TRANSFER", "REFER", "CLOSE");
        Instant leaseUntil = Instant.parse((String) ((Map<?, ?>) claimed.get("claim")).get("leaseUntil"));
        Map<String, Object> renewed = body(api.post(first.token(), "/api/v1/questions/{id}/lease", Map.of(), id), 200);
        assertThat(Instant.parse((String) ((Map<?, ?>) renewed.get("claim")).get("leaseUntil"))).isAfterOrEqualTo(leaseUntil);
        assertThat(body(api.claim(second.token(), id), 409)).containsEntry("code", "ALREADY_CLAIMED");

        leaseRunsOut(id);
        // another advisor may take it at once; the sweep need not have run
        body(api.claim(second.token(), id), 200);
        assertThat(body(api.answer(first.token(), id, "迟到的答复"), 409)).containsEntry("code", "NOT_CLAIMED_BY_YOU");
        Question stored = mongo.findById(id, Question.class).block(WAIT);
        assertThat(stored.history()).extracting(Question.HistoryEntry::action)
                .containsExactly("ASKED", "CLAIMED", "LEASE_EXPIRED", "CLAIMED");
        assertThat(notifications(userId(first.token()), "question.lease-expired")).hasSize(1);

        // and when nobody takes it, the sweep returns it to the queue
        leaseRunsOut(id);
        sweep.sweepOnce().block(WAIT);
        assertThat(api.question(second.token(), id)).containsEntry("status", "OPEN");
    }

    @Test
    void anAdvisorHoldsAtMostTheCapAtOnce() {
        String village = api.village("上限村");
        Advisor advisor = api.advisor("上限村顾问", village);
        String resident = api.resident("上限");
        List<String> ids = IntStream.range(0, 6).mapToObj(i -> api.asked(resident, village, "第 " + i + " 个关于合同的问题")).toList();
        ids.subList(0, 5).forEach(id -> body(api.claim(advisor.token(), id), 200));

        assertThat(body(api.claim(advisor.token(), ids.get(5)), 409)).containsEntry("code", "CLAIM_LIMIT_REACHED");
        assertThat(body(api.get(advisor.token(), "/api/v1/queue/mine"), 200).get("items")).asList().hasSize(5);
        body(api.answer(advisor.token(), ids.get(0), "答复第一个"), 200);
        body(api.claim(advisor.token(), ids.get(5)), 200);
    }

    @Test
    void theHolderAnswersWithAnArticleReleasesTransfersAndRefers() {
        String village = api.village("处理村");
        Advisor holder = api.advisor("处理村顾问", village);
        Advisor colleague = api.advisor("同县顾问", api.village("同县村"));
        String resident = api.resident("褚四");
        String id = api.asked(resident, village, "在外打工被拖欠工资，回村后怎么维权？");

        body(api.claim(holder.token(), id), 200);
        Map<String, Object> released = body(api.post(holder.token(), "/api/v1/questions/{id}/release",
                Map.of("note", "需要劳动法方面的顾问"), id), 200);
        assertThat(released).containsEntry("status", "OPEN");
        body(api.claim(holder.token(), id), 200);
        assertThat(body(api.post(holder.token(), "/api/v1/questions/{id}/transfer",
                Map.of("advisorId", holder.id(), "note", "转给自己"), id), 400)).containsEntry("code", "VALIDATION_FAILED");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> candidates = client.get().uri("/api/v1/questions/{id}/transfer-candidates", id)
                .headers(h -> h.setBearerAuth(holder.token())).exchange().expectStatus().isOk()
                .expectBodyList(Map.class).returnResult().getResponseBody().stream().map(c -> (Map<String, Object>) c).toList();
        assertThat(candidates).extracting(candidate -> candidate.get("advisorId")).contains(colleague.id())
                .doesNotContain(holder.id());
        assertThat(body(api.get(colleague.token(), "/api/v1/questions/{id}/transfer-candidates", id), 404))
                .containsEntry("code", "QUESTION_NOT_FOUND");
        Map<String, Object> transferred = body(api.post(holder.token(), "/api/v1/questions/{id}/transfer",
                Map.of("advisorId", colleague.id(), "note", "同县顾问擅长劳动争议"), id), 200);
        assertThat(transferred).extractingByKey("claim").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("advisorId", colleague.id());
        assertThat(notifications(userId(colleague.token()), "question.transferred")).hasSize(1);
        // the colleague serves another village, yet may now read and answer it
        Map<String, Object> answered = body(api.post(colleague.token(), "/api/v1/questions/{id}/answer", Map.of(
                "text", "可以向劳动监察大队投诉，或申请劳动仲裁。",
                "article", Map.of("title", "农民工讨薪指南", "url", "https://www.12348.gov.cn/guide")), id), 200);
        assertThat(answered).containsEntry("status", "ANSWERED");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages = (List<Map<String, Object>>) answered.get("messages");
        assertThat(messages.get(1)).extractingByKey("article").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("title", "农民工讨薪指南");
        assertThat(notifications(userId(resident), "question.answered")).hasSize(1);
        assertThat(history(answered)).containsExactly("ASKED", "CLAIMED", "RELEASED", "CLAIMED", "TRANSFERRED", "ANSWERED");

        String second = api.asked(resident, village, "工伤认定需要准备哪些材料？");
        body(api.claim(holder.token(), second), 200);
        Map<String, Object> referred = body(api.post(holder.token(), "/api/v1/questions/{id}/referral",
                Map.of("kind", "LEGAL_AID", "text", "您的情况符合法律援助条件，建议到司法所申请法律援助。"), second), 200);
        assertThat(referred).containsEntry("status", "ANSWERED");
        assertThat(((List<?>) referred.get("messages"))).last().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("referral", "LEGAL_AID").containsEntry("referralLabel", "建议申请法律援助");
        assertThat(body(api.post(holder.token(), "/api/v1/questions/{id}/referral", Map.of("kind", "NOPE", "text", "x"),
                second), 400)).containsEntry("code", "MALFORMED_REQUEST");
    }

    @Test
    void theVillageGroupGetsADigestOfNewQuestionsWithoutPersonalDetails() {
        String village = api.village("汇总村");
        String robot = (String) body(api.post(api.admin, "/api/v1/admin/robots", Map.of("name", "汇总村1+N群",
                "regionCode", village, "purpose", "VILLAGE_TEAM",
                "webhook", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + java.util.UUID.randomUUID())), 201)
                .get("id");
        String resident = api.resident("秦八");
        List<String> ids = List.of(api.asked(resident, village, "秦八家的宅基地纠纷想咨询"),
                api.asked(resident, village, "秦八的小儿子打工受伤，老板不赔"));
        sweep.sweepOnce().block(WAIT);
        assertThat(notifications("robot:" + robot, "question.digest")).isEmpty(); // this window is still open

        ids.forEach(id -> mongo.updateFirst(query(where("_id").is(id)),
                Update.update("askedAt", Instant.now().minus(Duration.ofHours(2))), Question.class).block(WAIT));
        sweep.sweepOnce().block(WAIT);
        sweep.sweepOnce().block(WAIT);

        assertThat(notifications("robot:" + robot, "question.digest")).singleElement().satisfies(digest -> assertThat(
                digest.body()).contains("2 个", "土地承包与流转").doesNotContain("秦八", "宅基地纠纷"));
    }

    @Test
    void aCannedAnswerIsFilledInForTheQuestion() {
        String village = api.village("套用村");
        Advisor advisor = api.advisor("套用村顾问", village);
        Advisor other = api.advisor("别村顾问", api.village("别村"));
        String id = api.asked(api.resident("韩七"), village, "土地流转费被拖欠两年了怎么办？");
        String canned = (String) body(api.post(advisor.token(), "/api/v1/canned-answers", Map.of("scope", "PERSONAL",
                "title", "约见", "text", "您好，关于{事项}的问题，请到{村名}村委会找我（{顾问姓名}，{顾问电话}）。{附件}")), 201)
                .get("id");

        Map<String, Object> rendered = body(api.post(advisor.token(),
                "/api/v1/questions/{id}/canned-answers/{c}/render", Map.of(), id, canned), 200);

        assertThat(rendered).containsEntry("text",
                "您好，关于土地承包与流转的问题，请到套用村村委会找我（套用村顾问，0934-5551234）。{附件}");
        body(api.post(other.token(), "/api/v1/questions/{id}/canned-answers/{c}/render", Map.of(), id, canned), 404);
    }

    @Test
    void serviceLevelBreachesAreRecordedOnceAndFeedTheFigures() {
        String village = api.village("时效村");
        Advisor advisor = api.advisor("时效村顾问", village);
        String late = api.asked(api.resident("卫五"), village, "老宅翻修被邻居阻拦怎么办？");
        String quick = api.asked(api.resident("蒋六"), village, "遗嘱需要公证才有效吗？");
        mongo.updateFirst(query(where("_id").is(late)), new Update().set("askedAt", Instant.now().minus(Duration.ofHours(3)))
                .set("escalateAt", Instant.now().plus(Duration.ofHours(1))), Question.class).block(WAIT);

        sweep.sweepOnce().block(WAIT);
        sweep.sweepOnce().block(WAIT);

        Question breached = mongo.findById(late, Question.class).block(WAIT);
        assertThat(breached.slaAlerts()).containsExactly("claim");
        assertThat(breached.history()).extracting(Question.HistoryEntry::action).containsExactly("ASKED", "SLA_BREACHED");
        body(api.claim(advisor.token(), quick), 200);
        body(api.answer(advisor.token(), quick, "自书遗嘱符合法定形式即有效，不必须公证。"), 200);
        body(api.claim(advisor.token(), late), 200);

        Map<String, Object> report = body(api.get(api.admin, "/api/v1/admin/questions/sla?region={r}", village), 200);
        assertThat(report).extractingByKey("total").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("questions", 2).containsEntry("answered", 1).containsEntry("claimBreaches", 1);
        assertThat(report.get("byAdvisor")).asList().singleElement().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("name", "时效村顾问");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> held = (List<Map<String, Object>>) body(api.get(api.admin,
                "/api/v1/admin/questions?region={r}&status=CLAIMED&topic=LAND", village), 200).get("items");
        assertThat(held).extracting(item -> item.get("id")).containsExactly(late);
        java.time.LocalDate today = java.time.LocalDate.now(cn.villagecounsel.api.common.ChinaTime.ZONE);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> answeredToday = (List<Map<String, Object>>) body(api.get(api.admin,
                "/api/v1/admin/questions?region={r}&status=ANSWERED&from={d}&to={d}", village, today, today), 200)
                .get("items");
        assertThat(answeredToday).extracting(item -> item.get("id")).containsExactly(quick);
        assertThat(body(api.get(api.admin, "/api/v1/admin/questions/sla?from=2026-01-02&to=2026-01-01"), 400))
                .containsEntry("code", "VALIDATION_FAILED");
    }

    private void dueForEscalation(String id) {
        mongo.updateFirst(query(where("_id").is(id)), Update.update("escalateAt", Instant.now().minusSeconds(1)),
                Question.class).block(WAIT);
    }

    private void leaseRunsOut(String id) {
        mongo.updateFirst(query(where("_id").is(id)), Update.update("claim.leaseUntil", Instant.now().minusSeconds(1)),
                Question.class).block(WAIT);
    }

    private String userId(String token) {
        return (String) body(api.get(token, "/api/v1/me"), 200).get("id");
    }

    private List<Notification> notifications(String recipient, String template) {
        return mongo.find(query(where("recipientId").is(recipient).and("template").is(template)), Notification.class)
                .collectList().block(WAIT);
    }
}
