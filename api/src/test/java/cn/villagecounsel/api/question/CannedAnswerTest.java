package cn.villagecounsel.api.question;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import cn.villagecounsel.api.Directory;
import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;
import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.question.CannedAnswer.Scope;
import reactor.core.publisher.Flux;

@IntegrationTest
class CannedAnswerTest {

    private static final String BASE = "/api/v1/canned-answers";
    /** A village this test adds to 永正镇, a township of the county other than 山河镇. */
    private static final String YONGZHENG_VILLAGE = "621025104901";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {
            };

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    CannedAnswerService service;

    @LocalServerPort
    int port;

    String admin;

    @BeforeEach
    void signIn() {
        admin = Directory.countyAdmin(client);
    }

    // --- fill ---------------------------------------------------------------------------------------------------

    @Test
    void fillReplacesKnownVariablesAndLeavesOtherBracesAlone() {
        Map<String, String> values = Map.of(CannedAnswers.VILLAGE, "柳林村", CannedAnswers.ASKER, "张桂英",
                CannedAnswers.ADVISOR_NAME, "李文博", CannedAnswers.ADVISOR_PHONE, "0934-5212345",
                CannedAnswers.MATTER, "承包地被占");

        assertThat(CannedAnswers.fill("{提问人}您好：关于{事项}，请到{村名}村委会找{顾问姓名}（{顾问电话}）。{提问人}如有疑问再联系。",
                values)).isEqualTo("张桂英您好：关于承包地被占，请到柳林村村委会找李文博（0934-5212345）。张桂英如有疑问再联系。");
        // Unknown names, empty braces and unpaired braces are text, not variables.
        assertThat(CannedAnswers.fill("{姓名}、{}、{村名、村名}、{ 附件1 }", values))
                .isEqualTo("{姓名}、{}、{村名、村名}、{ 附件1 }");
        // Full-width braces (a Chinese input method) and spaces inside count; the braces go with the variable.
        assertThat(CannedAnswers.fill("｛村名｝、{ 提问人 }、｛ 事项}", values)).isEqualTo("柳林村、张桂英、承包地被占");
        // Doubled braces keep the outer pair.
        assertThat(CannedAnswers.fill("{{村名}}", values)).isEqualTo("{柳林村}");
        assertThat(CannedAnswers.fill("没有变量的回复。", values)).isEqualTo("没有变量的回复。");
        assertThat(CannedAnswers.fill("", values)).isEmpty();
    }

    @Test
    void fillMarksMissingValuesAndInsertsValuesLiterally() {
        Map<String, String> values = new HashMap<>();
        values.put(CannedAnswers.ASKER, "   ");
        values.put(CannedAnswers.VILLAGE, null);
        values.put(CannedAnswers.MATTER, " 欠薪 $1 \\ {村名} ");
        values.put("其他", "不会被使用");

        assertThat(CannedAnswers.fill("{提问人}：{村名}，{顾问电话}，{事项}，{其他}", values))
                .isEqualTo("（待填写）：（待填写），（待填写），欠薪 $1 \\ {村名}，{其他}");
        assertThat(CannedAnswers.fill("{顾问姓名}", Map.of())).isEqualTo(CannedAnswers.UNFILLED);
        assertThatThrownBy(() -> CannedAnswers.fill(null, Map.of())).isInstanceOf(NullPointerException.class);
    }

    // --- endpoints ----------------------------------------------------------------------------------------------

    @Test
    void anAdvisorKeepsPersonalCannedAnswers() {
        Village village = village("常用回复村");

        Map<String, Object> created = client.post().uri(BASE).headers(h -> h.setBearerAuth(village.advisorToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(personal("  土地纠纷先调解  ", "{提问人}您好，建议先请{村名}村委会调解。", "LAND"))
                .exchange().expectStatus().isCreated()
                .expectHeader().valueMatches("Location", BASE + "/[0-9a-f]{24}")
                .expectBody(MAP).returnResult().getResponseBody();
        assertThat(created).containsEntry("scope", "PERSONAL").containsEntry("scopeLabel", "个人")
                .containsEntry("title", "土地纠纷先调解").containsEntry("topic", "LAND")
                .containsEntry("topicLabel", "土地承包与流转").containsEntry("createdBy", village.advisorUserId())
                .containsEntry("revision", 0).containsEntry("editable", true).doesNotContainKey("regionCode");
        String id = (String) created.get("id");
        String other = created(village.advisorToken(), personal("欠薪", "先收集考勤记录。", "LABOUR"));

        assertThat(list(village.advisorToken(), "")).extracting(canned -> canned.get("id")).contains(id, other);
        assertThat(list(village.advisorToken(), "?topic=LAND")).extracting(canned -> canned.get("id"))
                .contains(id).doesNotContain(other);

        Map<String, Object> edited = body(update(village.advisorToken(), id, edit("土地纠纷：调解", "新的内容", null, 0)), 200);
        assertThat(edited).containsEntry("title", "土地纠纷：调解").containsEntry("text", "新的内容")
                .containsEntry("revision", 1).doesNotContainKey("topic");
        assertThat(Instant.parse((String) edited.get("updatedAt"))).isAfterOrEqualTo(
                Instant.parse((String) created.get("updatedAt")));
        // An edit made on what was read before that edit: refused, and the stored one is unchanged.
        assertThat(body(update(village.advisorToken(), id, edit("旧页面上的修改", "旧内容", "LAND", 0)), 409))
                .containsEntry("code", "CANNED_ANSWER_CHANGED").containsEntry("status", 409);
        assertThat(mongo.findById(id, CannedAnswer.class).block(WAIT).title()).isEqualTo("土地纠纷：调解");

        delete(village.advisorToken(), id).expectStatus().isNoContent();
        assertThat(list(village.advisorToken(), "")).extracting(canned -> canned.get("id"))
                .doesNotContain(id).contains(other);
        assertThat(body(update(village.advisorToken(), id, edit("已删除", "已删除", null, 1)), 404))
                .containsEntry("code", "NOT_FOUND");
        assertThat(body(delete(village.advisorToken(), id), 404)).containsEntry("code", "NOT_FOUND");
    }

    @Test
    void sharedAnswersReachTheAdvisorsOfTheirRegionOnly() {
        Village inShanhe = village("共享村");
        Village elsewhere = villageInYongzheng();
        String shanheAdmin = Sessions.accessToken(Sessions.staff(client, "shanhe-admin", "Demo@2026"));

        Map<String, Object> township = body(create(admin, shared(Directory.SHANHE, "山河镇：赡养纠纷", "FAMILY")), 201);
        assertThat(township).containsEntry("scope", "SHARED").containsEntry("scopeLabel", "共享")
                .containsEntry("regionCode", Directory.SHANHE).containsEntry("regionName", "山河镇")
                .containsEntry("editable", true);
        String townshipId = (String) township.get("id");
        String countyId = created(admin, shared(Directory.COUNTY, "全县：欠薪求助渠道", "LABOUR"));
        String byShanheAdmin = created(shanheAdmin, shared(Directory.SHANHE, "镇司法所：调解流程", null));

        // The advisor of a 山河镇 village sees the township's and the county's after their own, and may not change
        // the shared ones.
        String ownId = created(inShanhe.advisorToken(), personal("我的", "我的内容", null));
        List<Map<String, Object>> seen = list(inShanhe.advisorToken(), "");
        assertThat(seen).extracting(canned -> canned.get("id")).startsWith(ownId)
                .contains(townshipId, countyId, byShanheAdmin);
        assertThat(seen).filteredOn(canned -> canned.get("id").equals(townshipId)).singleElement()
                .satisfies(canned -> assertThat(canned).containsEntry("editable", false));
        assertThat(list(inShanhe.advisorToken(), "?topic=FAMILY")).extracting(canned -> canned.get("id"))
                .contains(townshipId).doesNotContain(countyId);
        assertThat(body(update(inShanhe.advisorToken(), townshipId, edit("改", "改", null, 0)), 403))
                .containsEntry("code", "FORBIDDEN");
        assertThat(body(delete(inShanhe.advisorToken(), townshipId), 403)).containsEntry("code", "FORBIDDEN");

        // The advisor of a 永正镇 village sees the county's but not 山河镇's, and 山河镇's do not exist for them.
        assertThat(list(elsewhere.advisorToken(), "")).extracting(canned -> canned.get("id"))
                .contains(countyId).doesNotContain(townshipId, byShanheAdmin);
        assertThat(body(update(elsewhere.advisorToken(), townshipId, edit("改", "改", null, 0)), 404))
                .containsEntry("code", "NOT_FOUND");

        // Admins: the county's sees all three; 山河镇's sees its township's but not the county's, nor may write it.
        assertThat(list(admin, "")).extracting(canned -> canned.get("id"))
                .contains(townshipId, countyId, byShanheAdmin);
        assertThat(list(shanheAdmin, "")).extracting(canned -> canned.get("id"))
                .contains(townshipId, byShanheAdmin).doesNotContain(countyId);
        assertThat(body(update(shanheAdmin, countyId, edit("改", "改", null, 0)), 404))
                .containsEntry("code", "NOT_FOUND");
        assertThat(body(create(shanheAdmin, shared(Directory.COUNTY, "越权", null)), 403))
                .containsEntry("code", "FORBIDDEN");
        assertThat(body(create(shanheAdmin, shared(Directory.OTHER_TOWNSHIP, "越权", null)), 403))
                .containsEntry("code", "FORBIDDEN");
        Map<String, Object> edited = body(update(shanheAdmin, townshipId, edit("山河镇：赡养纠纷（修订）", "新内容", "FAMILY",
                0)), 200);
        assertThat(edited).containsEntry("revision", 1).containsEntry("editable", true);

        // Each role writes its own kind only.
        assertThat(body(create(inShanhe.advisorToken(), shared(Directory.SHANHE, "顾问共享", null)), 403))
                .containsEntry("code", "FORBIDDEN");
        assertThat(body(create(admin, personal("管理员个人", "内容", null)), 403)).containsEntry("code", "FORBIDDEN");

        delete(admin, byShanheAdmin).expectStatus().isNoContent();
        assertThat(list(inShanhe.advisorToken(), "")).extracting(canned -> canned.get("id"))
                .doesNotContain(byShanheAdmin);
    }

    @Test
    void residentsAreRefused() {
        Village village = village("村民不可用村");
        String id = created(village.advisorToken(), personal("标题", "内容", null));
        String resident = Sessions.accessToken(Sessions.wechat(client, "常用回复村民" + ThreadLocalRandom.current()
                .nextInt(1_000_000)));

        assertThat(body(client.get().uri(BASE).headers(h -> h.setBearerAuth(resident)).exchange(), 403))
                .containsEntry("code", "FORBIDDEN");
        assertThat(body(create(resident, personal("村民", "内容", null)), 403)).containsEntry("code", "FORBIDDEN");
        assertThat(body(update(resident, id, edit("村民", "内容", null, 0)), 403)).containsEntry("code", "FORBIDDEN");
        assertThat(body(delete(resident, id), 403)).containsEntry("code", "FORBIDDEN");
        client.get().uri(BASE).exchange().expectStatus().isUnauthorized();
        assertThat(mongo.findById(id, CannedAnswer.class).block(WAIT).revision()).isZero();
    }

    @Test
    void anotherAdvisorsPersonalAnswerDoesNotExistForOthers() {
        Village village = village("私有村");
        Village neighbour = village("邻居村");
        String id = created(village.advisorToken(), personal("我的", "我的内容", null));

        assertThat(list(neighbour.advisorToken(), "")).extracting(canned -> canned.get("id")).doesNotContain(id);
        assertThat(list(admin, "")).extracting(canned -> canned.get("id")).doesNotContain(id);
        for (String stranger : List.of(neighbour.advisorToken(), admin)) {
            assertThat(body(update(stranger, id, edit("别人的", "别人的", null, 0)), 404))
                    .containsEntry("code", "NOT_FOUND");
            assertThat(body(delete(stranger, id), 404)).containsEntry("code", "NOT_FOUND");
        }
        assertThat(body(update(village.advisorToken(), "6660a1b2c3d4e5f601234567", edit("无", "无", null, 0)), 404))
                .containsEntry("code", "NOT_FOUND");
        assertThat(mongo.findById(id, CannedAnswer.class).block(WAIT).title()).isEqualTo("我的");
    }

    @Test
    @SuppressWarnings("unchecked")
    void badFormsAreRefusedFieldByField() {
        Village village = village("校验回复村");
        String token = village.advisorToken();

        Map<String, Object> wrong = personal(" ", "字".repeat(CannedAnswerForms.MAX_TEXT + 1), "TAXES");
        Map<String, Object> refused = body(create(token, wrong), 400);
        assertThat(refused).containsEntry("code", "VALIDATION_FAILED");
        assertThat(fields(refused)).containsExactlyInAnyOrder("title", "text", "topic");
        assertThat((List<Map<String, Object>>) refused.get("errors"))
                .extracting(error -> error.get("message")).contains("请填写标题", "回复内容不能超过 2000 个字");

        assertThat(fields(body(create(token, personal("题".repeat(41), "内容", "LAND")), 400))).containsExactly("title");
        assertThat(body(create(token, personal("题".repeat(40), "字".repeat(2000), "LAND")), 201))
                .containsEntry("editable", true);
        Map<String, Object> noScope = personal("标题", "内容", null);
        noScope.remove("scope");
        assertThat(fields(body(create(token, noScope), 400))).containsExactly("scope");
        Map<String, Object> withRegion = personal("标题", "内容", null);
        withRegion.put("regionCode", Directory.SHANHE);
        assertThat(fields(body(create(token, withRegion), 400))).containsExactly("regionCode");

        assertThat(fields(body(create(admin, shared(null, "标题", null)), 400))).containsExactly("regionCode");
        assertThat(fields(body(create(admin, shared(village.code(), "标题", null)), 400))).containsExactly("regionCode");
        assertThat(fields(body(create(admin, shared("6210251", "标题", null)), 400))).containsExactly("regionCode");
        assertThat(fields(body(create(admin, shared("621025199000", "标题", null)), 400))).containsExactly("regionCode");

        String id = created(token, personal("标题", "内容", null));
        Map<String, Object> noRevision = edit("", "内容", "NOPE", 0);
        noRevision.remove("revision");
        assertThat(fields(body(update(token, id, noRevision), 400)))
                .containsExactlyInAnyOrder("title", "topic", "revision");
        assertThat(fields(body(update(token, id, edit("标题", "内容", null, -1)), 400))).containsExactly("revision");

        Map<String, Object> badFilter = body(client.get().uri(BASE + "?topic=TAXES")
                .headers(h -> h.setBearerAuth(token)).exchange(), 400);
        assertThat(badFilter).containsEntry("code", "VALIDATION_FAILED");
        assertThat(fields(badFilter)).containsExactly("topic");
        client.post().uri(BASE).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"scope\": \"PERSONAL\", \"title\": ").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anAdvisorKeepsAtMost200AndARaceForTheLastPlaceDoesNotPassIt() {
        Village village = village("上限村");
        stock(CannedAnswerService.MAX_PER_SHELF - 1, Scope.PERSONAL, village.advisorUserId(), null);

        String last = created(village.advisorToken(), personal("第 200 条", "内容", null));
        Map<String, Object> refused = body(create(village.advisorToken(), personal("第 201 条", "内容", null)), 409);
        assertThat(refused).containsEntry("code", "CANNED_ANSWER_LIMIT_REACHED");
        assertThat((String) refused.get("detail")).contains("200");
        assertThat(shelf(village.advisorUserId())).isEqualTo(CannedAnswerService.MAX_PER_SHELF);
        // The limit is per advisor: another advisor still saves.
        body(create(village("上限邻村").advisorToken(), personal("别人的", "内容", null)), 201);

        delete(village.advisorToken(), last).expectStatus().isNoContent();
        WebClient web = WebClient.create("http://127.0.0.1:" + port);
        List<Integer> statuses = Flux.range(0, 4)
                .flatMap(i -> web.post().uri(BASE).headers(h -> h.setBearerAuth(village.advisorToken()))
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(personal("并发 " + i, "内容", null))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())))
                .collectList().block(WAIT);
        // Counted after each insert: racers for the last place may all be refused, but the shelf never passes 200.
        long kept = shelf(village.advisorUserId());
        assertThat(kept).isBetween(CannedAnswerService.MAX_PER_SHELF - 1L, (long) CannedAnswerService.MAX_PER_SHELF);
        assertThat(statuses).hasSize(4).allMatch(status -> status == 201 || status == 409);
        assertThat(statuses.stream().filter(status -> status == 201).count())
                .isEqualTo(kept - (CannedAnswerService.MAX_PER_SHELF - 1));
        // The refused ones were taken back: a place left is a place to save in.
        body(create(village.advisorToken(), personal("之后", "内容", null)),
                kept < CannedAnswerService.MAX_PER_SHELF ? 201 : 409);
        assertThat(shelf(village.advisorUserId())).isEqualTo(CannedAnswerService.MAX_PER_SHELF);
    }

    @Test
    void aRegionKeepsAtMost200SharedOnes() {
        String township = "621025106000";
        stock(CannedAnswerService.MAX_PER_SHELF, Scope.SHARED, null, township);

        Map<String, Object> refused = body(create(admin, shared(township, "再加一条", null)), 409);
        assertThat(refused).containsEntry("code", "CANNED_ANSWER_LIMIT_REACHED");
        assertThat((String) refused.get("detail")).contains("区划", "200");
        assertThat(mongo.count(query(where("regionCode").is(township)), CannedAnswer.class).block(WAIT))
                .isEqualTo(CannedAnswerService.MAX_PER_SHELF);
        // Other regions have their own 200.
        created(admin, shared(Directory.SHANHE, "山河镇的一条", null));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiDocumentDescribesTheCannedAnswerOperations() {
        Map<String, Object> doc = client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(MAP).returnResult().getResponseBody();
        Map<String, Map<String, Map<String, Object>>> paths =
                (Map<String, Map<String, Map<String, Object>>>) doc.get("paths");
        assertThat(paths.get(BASE)).containsKeys("get", "post");
        assertThat(paths.get(BASE + "/{id}")).containsKeys("put", "delete");
        assertThat(paths.get(BASE).get("post").get("tags")).isEqualTo(List.of("常用回复"));
        assertThat((Map<String, Object>) paths.get(BASE).get("post").get("responses")).containsKeys("201", "409");
        assertThat((Map<String, Object>) paths.get(BASE + "/{id}").get("put").get("responses")).containsKey("409");
    }

    // --- usableBy -----------------------------------------------------------------------------------------------

    @Test
    void usableByAnswersOnlyWhatTheUserMayUse() {
        Village inShanhe = village("套用村");
        Village elsewhere = villageInYongzheng();
        String personalId = created(inShanhe.advisorToken(), personal("我的", "{提问人}您好", null));
        String sharedId = created(admin, shared(Directory.SHANHE, "镇共享", null));
        CurrentUser owner = advisor(inShanhe.advisorUserId());
        CurrentUser stranger = advisor(elsewhere.advisorUserId());

        assertThat(service.usableBy(owner, personalId).block(WAIT).text()).isEqualTo("{提问人}您好");
        assertThat(service.usableBy(owner, sharedId).block(WAIT).regionCode()).isEqualTo(Directory.SHANHE);
        assertThat(service.usableBy(new CurrentUser("zn", "县管理员", Set.of(Role.ADMIN), List.of(Directory.COUNTY)),
                sharedId).block(WAIT).id()).isEqualTo(sharedId);
        assertProblem(stranger, personalId, "NOT_FOUND");
        assertProblem(stranger, sharedId, "NOT_FOUND");
        assertProblem(owner, "6660a1b2c3d4e5f601234567", "NOT_FOUND");
        assertProblem(new CurrentUser("other", "外县管理员", Set.of(Role.ADMIN), List.of("621026000000")), sharedId,
                "NOT_FOUND");
        assertProblem(new CurrentUser(inShanhe.advisorUserId(), "冒充", Set.of(Role.RESIDENT), List.of()), personalId,
                "FORBIDDEN");
    }

    // --- fixtures and calls -------------------------------------------------------------------------------------

    private record Village(String code, String advisorToken, String advisorUserId) {
    }

    /** A fresh village under 山河镇 with its own advisor under a filed agreement. */
    private Village village(String name) {
        return withAdvisor(Directory.newVillage(client, admin, name), name);
    }

    /** The 永正镇 village (added once per run) with a new advisor of its own. */
    private Village villageInYongzheng() {
        if (!mongo.exists(query(where("_id").is(YONGZHENG_VILLAGE)), "regions").block(WAIT)) {
            client.post().uri("/api/v1/admin/regions").headers(h -> h.setBearerAuth(admin))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("code", YONGZHENG_VILLAGE, "name", "永正外村")).exchange()
                    .expectStatus().isCreated();
        }
        return withAdvisor(YONGZHENG_VILLAGE, "永正外村");
    }

    private Village withAdvisor(String code, String name) {
        List<String> advisor = Directory.newAdvisor(client, admin, "顾问" + name);
        Directory.fileAgreement(client, admin, advisor.get(0), code);
        String token = Sessions.accessToken(Sessions.staff(client, advisor.get(1), advisor.get(2)));
        String userId = (String) client.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody().get("id");
        return new Village(code, token, userId);
    }

    private static CurrentUser advisor(String userId) {
        return new CurrentUser(userId, "顾问", Set.of(Role.ADVISOR), List.of());
    }

    private void assertProblem(CurrentUser user, String id, String code) {
        assertThatThrownBy(() -> service.usableBy(user, id).block(WAIT)).isInstanceOf(ApiProblem.class)
                .satisfies(error -> assertThat(((ApiProblem) error).code()).isEqualTo(code));
    }

    /** {@code count} canned answers stored directly, as if saved over time. */
    private void stock(int count, Scope scope, String ownerId, String regionCode) {
        Instant now = Instant.now();
        Flux.range(0, count)
                .map(i -> new CannedAnswer(null, scope, ownerId, regionCode, "旧回复 " + i, "内容", null, "seed", now,
                        now, 0))
                .flatMap(mongo::insert, 8)
                .blockLast(WAIT);
    }

    private long shelf(String ownerId) {
        return mongo.count(query(where("ownerId").is(ownerId)), CannedAnswer.class).block(WAIT);
    }

    private static Map<String, Object> personal(String title, String text, String topic) {
        Map<String, Object> form = new HashMap<>();
        form.put("scope", "PERSONAL");
        form.put("title", title);
        form.put("text", text);
        form.put("topic", topic);
        return form;
    }

    private static Map<String, Object> shared(String regionCode, String title, String topic) {
        Map<String, Object> form = personal(title, "{提问人}您好：关于{事项}，可到{村名}村委会找{顾问姓名}。", topic);
        form.put("scope", "SHARED");
        form.put("regionCode", regionCode);
        return form;
    }

    private static Map<String, Object> edit(String title, String text, String topic, long revision) {
        Map<String, Object> form = new HashMap<>();
        form.put("title", title);
        form.put("text", text);
        form.put("topic", topic);
        form.put("revision", revision);
        return form;
    }

    /** Creates it and answers its id. */
    private String created(String token, Map<String, Object> form) {
        return (String) body(create(token, form), 201).get("id");
    }

    private WebTestClient.ResponseSpec create(String token, Map<String, Object> form) {
        return client.post().uri(BASE).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(form).exchange();
    }

    private WebTestClient.ResponseSpec update(String token, String id, Map<String, Object> form) {
        return client.put().uri(BASE + "/{id}", id).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(form).exchange();
    }

    private WebTestClient.ResponseSpec delete(String token, String id) {
        return client.delete().uri(BASE + "/{id}", id).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private List<Map<String, Object>> list(String token, String query) {
        return client.get().uri(BASE + query).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
    }

    private static Map<String, Object> body(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus().isEqualTo(status).expectBody(MAP).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream().map(error -> (String) error.get("field"))
                .toList();
    }
}
