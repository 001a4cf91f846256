package cn.villagecounsel.api.homevisit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import cn.villagecounsel.api.Directory;
import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;
import cn.villagecounsel.api.common.AuditEntry;
import cn.villagecounsel.api.common.ChinaTime;
import cn.villagecounsel.api.notification.Notification;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@IntegrationTest
class HomeVisitTest {

    private static final String BASE = "/api/v1/home-visits";
    /** 槐树庄村, in 榆林子镇: outside 山河镇's admin. */
    private static final String HUAISHUZHUANG = "621025101201";
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {
            };

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveMongoTemplate mongo;

    @LocalServerPort
    int port;

    String admin;

    @BeforeEach
    void signIn() {
        admin = Directory.countyAdmin(client);
    }

    @Test
    void aResidentAsksAndAReplayWithTheSameKeyIsTheSameRequest() {
        Village village = village("上门村");
        Person resident = resident("王奶奶家");
        String key = "hv-" + ThreadLocalRandom.current().nextInt(1_000_000);

        WebTestClient.ResponseSpec first = create(resident.token(), key, form(village.code()));
        Map<String, Object> created = first.expectStatus().isCreated()
                .expectHeader().valueMatches("Location", BASE + "/[0-9a-f]{24}")
                .expectBody(MAP).returnResult().getResponseBody();
        assertThat(created).containsEntry("status", "REQUESTED").containsEntry("statusLabel", "待安排")
                .containsEntry("villageName", "上门村").containsEntry("eligibilityLabel", "高龄老人")
                .containsEntry("contactPhone", "139****5678").containsEntry("forNeighbour", false);
        String id = (String) created.get("id");

        Map<String, Object> replay = body(create(resident.token(), key, form(village.code())), 200);
        assertThat(replay.get("id")).isEqualTo(id);
        Map<String, Object> changed = form(village.code());
        changed.put("reason", "另一件事");
        assertThat(body(create(resident.token(), key, changed), 422)).containsEntry("code", "IDEMPOTENCY_KEY_REUSED");
        // The same key from another person is their own key.
        Person other = resident("李大爷家");
        assertThat(body(create(other.token(), key, form(village.code())), 201).get("id")).isNotEqualTo(id);

        assertThat(mine(resident.token())).extracting(visit -> visit.get("id")).containsExactly(id);
        Document stored = mongo.findById(id, Document.class, "home_visits").block(Duration.ofSeconds(5));
        assertThat(stored.getString("contactPhone")).startsWith("v1.").doesNotContain("5678");
        // The village's advisor hears of each request once (the replay added nothing), without names or numbers.
        List<Notification> told = notifications(village.advisorUserId(), "homevisit.requested");
        assertThat(told).hasSize(2).allSatisfy(notice -> {
            assertThat(notice.title()).isEqualTo("新的上门服务申请");
            assertThat(notice.body()).contains("上门村", "高龄老人").doesNotContain("张桂英", "5678", "12 号");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void badRequestsAreRefusedFieldByField() {
        Village village = village("校验村");
        Person resident = resident("校验人");

        Map<String, Object> empty = body(create(resident.token(), "k1", Map.of("villageCode", "62102510")), 400);
        assertThat(empty).containsEntry("code", "VALIDATION_FAILED");
        assertThat(fields(empty)).contains("villageCode", "address", "reason", "eligibility", "contactName",
                "contactPhone");

        Map<String, Object> wrong = form(village.code());
        wrong.put("contactPhone", "12345");
        wrong.put("address", "村".repeat(101));
        wrong.put("preferredTimes", "上午".repeat(51));
        wrong.put("eligibility", "RICH");
        assertThat(body(create(resident.token(), "k2", wrong), 400)).containsEntry("code", "MALFORMED_REQUEST");
        wrong.put("eligibility", "DISABLED");
        assertThat(fields(body(create(resident.token(), "k2", wrong), 400)))
                .containsExactlyInAnyOrder("contactPhone", "address", "preferredTimes");

        Map<String, Object> landline = form(village.code());
        landline.put("contactPhone", "0934-5551234");
        assertThat(body(create(resident.token(), "k3", landline), 201)).containsEntry("contactPhone", "093****1234");

        assertThat(fields(body(create(resident.token(), null, form(village.code())), 400)))
                .containsExactly("Idempotency-Key");
        assertThat(fields(body(create(resident.token(), "bad key!", form(village.code())), 400)))
                .containsExactly("Idempotency-Key");
        assertThat(fields(body(create(resident.token(), "k4", form("621025100999")), 400)))
                .containsExactly("villageCode");
        Map<String, Object> consentAlone = form(village.code());
        consentAlone.put("consent", Map.of("method", "VERBAL"));
        assertThat(fields(body(create(resident.token(), "k5", consentAlone), 400))).containsExactly("consent");
        // Staff do not ask for home visits.
        assertThat(body(create(village.advisorToken(), "k6", form(village.code())), 403))
                .containsEntry("code", "FORBIDDEN");
        assertThat(mine(resident.token())).hasSize(1);
    }

    @Test
    void onlyTheRequesterAndStaffInScopeMayReadARequest() {
        Village village = village("隐私村");
        Village neighbouring = village("邻村");
        Person owner = resident("隐私甲");
        String id = created(owner.token(), village.code());

        assertThat(body(get(owner.token(), id), 200)).containsEntry("contactPhone", "139****5678");

        // Another resident: as if it did not exist, for reading and for cancelling.
        Person stranger = resident("隐私乙");
        assertThat(body(get(stranger.token(), id), 404)).containsEntry("code", "NOT_FOUND");
        assertThat(body(post(stranger.token(), id, "cancel", Map.of()), 404)).containsEntry("code", "NOT_FOUND");
        assertThat(body(get(stranger.token(), "6660a1b2c3d4e5f601234567"), 404)).containsEntry("code", "NOT_FOUND");

        // The village's advisor sees the phone in full, and that look is audited.
        assertThat(body(get(village.advisorToken(), id), 200)).containsEntry("contactPhone", "13912345678");
        List<AuditEntry> audited = mongo.find(query(where("target").is(id).and("action").is("homevisit.phone-view")),
                AuditEntry.class).collectList().block(Duration.ofSeconds(5));
        assertThat(audited).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo(village.advisorUserId());
            assertThat(entry.regions()).containsExactly(village.code());
        });

        // The advisor of another village: 403, and the request is not in their list.
        assertThat(body(get(neighbouring.advisorToken(), id), 403)).containsEntry("code", "FORBIDDEN");
        assertThat(body(post(neighbouring.advisorToken(), id, "decline", Map.of("reason", "不归我管")), 403))
                .containsEntry("code", "FORBIDDEN");
        assertThat(items(list(neighbouring.advisorToken(), ""))).noneMatch(visit -> id.equals(visit.get("id")));
        assertThat(items(list(village.advisorToken(), ""))).anyMatch(visit -> id.equals(visit.get("id")));
        assertThat(body(list(neighbouring.advisorToken(), "?village=" + village.code()), 403))
                .containsEntry("code", "FORBIDDEN");

        // The county admin sees it; residents have no staff list.
        assertThat(body(get(admin, id), 200)).containsEntry("contactPhone", "13912345678");
        assertThat(body(list(owner.token(), ""), 403)).containsEntry("code", "FORBIDDEN");
        assertThat(body(post(owner.token(), id, "decline", Map.of("reason", "自己婉拒")), 403))
                .containsEntry("code", "FORBIDDEN");
    }

    @Test
    void anAdminOutsideTheRegionIsRefused() {
        Person resident = resident("槐树庄村民");
        String id = created(resident.token(), HUAISHUZHUANG);
        String shanhe = Sessions.accessToken(Sessions.staff(client, "shanhe-admin", "Demo@2026"));

        assertThat(body(get(shanhe, id), 403)).containsEntry("code", "FORBIDDEN");
        assertThat(body(post(shanhe, id, "decline", Map.of("reason", "不在本镇")), 403)).containsEntry("code", "FORBIDDEN");
        assertThat(body(list(shanhe, "?region=" + Directory.OTHER_TOWNSHIP), 403)).containsEntry("code", "FORBIDDEN");
        assertThat(body(list(shanhe, "?village=" + HUAISHUZHUANG), 403)).containsEntry("code", "FORBIDDEN");
        assertThat(items(list(shanhe, "?status=REQUESTED"))).noneMatch(visit -> id.equals(visit.get("id")));

        assertThat(body(get(admin, id), 200)).containsEntry("status", "REQUESTED");
        assertThat(items(list(admin, "?village=" + HUAISHUZHUANG))).anyMatch(visit -> id.equals(visit.get("id")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNavigatorMayAskForANeighbourOfTheirOwnVillageWithConsent() {
        Village village = village("明白村");
        Village elsewhere = village("别处村");
        Person navigator = navigator(village.code(), "明白人赵");

        Map<String, Object> neighbour = form(village.code());
        neighbour.put("forNeighbour", true);
        neighbour.put("contactName", "孙大爷");
        assertThat(fields(body(create(navigator.token(), "n1", neighbour), 400))).containsExactly("consent");

        neighbour.put("consent", Map.of("method", "THUMBPRINT", "note", "本人按手印，女儿在场"));
        Map<String, Object> made = body(create(navigator.token(), "n2", neighbour), 201);
        assertThat(made).containsEntry("forNeighbour", true);
        assertThat((Map<String, Object>) made.get("consent")).containsEntry("method", "THUMBPRINT")
                .containsEntry("methodLabel", "按手印");

        Map<String, Object> otherVillage = new HashMap<>(neighbour);
        otherVillage.put("villageCode", elsewhere.code());
        assertThat(body(create(navigator.token(), "n3", otherVillage), 403)).containsEntry("code", "FORBIDDEN");
        Person plain = resident("热心村民");
        assertThat(body(create(plain.token(), "n4", neighbour), 403)).containsEntry("code", "FORBIDDEN");

        // The navigator is told, naming the neighbour, so that they can pass it on.
        schedule(village.advisorToken(), (String) made.get("id"), inDays(3, 9), inDays(3, 11), null)
                .expectStatus().isOk();
        assertThat(inbox(navigator.token())).anySatisfy(item -> {
            assertThat(item.get("title")).isEqualTo("上门服务已安排");
            assertThat((String) item.get("body")).contains("您为孙大爷提交");
        });
    }

    @Test
    void schedulingTellsTheRequesterAndRemindsThemTheDayBefore() {
        Village village = village("安排村");
        Person resident = resident("安排人");
        String id = created(resident.token(), village.code());

        assertThat(fields(body(schedule(village.advisorToken(), id, Instant.now().minusSeconds(60), inDays(1, 10),
                null), 400))).containsExactly("startAt");
        assertThat(fields(body(schedule(village.advisorToken(), id, inDays(3, 11), inDays(3, 9), null), 400)))
                .containsExactly("endAt");
        assertThat(fields(body(schedule(village.advisorToken(), id, inDays(3, 9), inDays(3, 14), null), 400)))
                .containsExactly("endAt");
        assertThat(fields(body(schedule(admin, id, inDays(3, 9), inDays(3, 11), null), 400)))
                .containsExactly("advisorId");
        Village elsewhere = village("不相干村");
        assertThat(fields(body(schedule(admin, id, inDays(3, 9), inDays(3, 11), elsewhere.advisorId()), 400)))
                .containsExactly("advisorId");
        assertThat(body(schedule(resident.token(), id, inDays(3, 9), inDays(3, 11), null), 403))
                .containsEntry("code", "FORBIDDEN");

        Map<String, Object> scheduled = body(schedule(village.advisorToken(), id, inDays(3, 9), inDays(3, 11), null),
                200);
        assertThat(scheduled).containsEntry("status", "SCHEDULED").containsEntry("advisorId", village.advisorId())
                .containsEntry("advisorName", "顾问安排村").containsEntry("scheduleVersion", 1);
        LocalDate visitDay = LocalDate.now(ChinaTime.ZONE).plusDays(3);
        String day = visitDay.getMonthValue() + "月" + visitDay.getDayOfMonth() + "日";
        assertThat(inbox(resident.token())).anySatisfy(item -> {
            assertThat(item.get("title")).isEqualTo("上门服务已安排");
            assertThat((String) item.get("body")).contains("顾问安排村", day, "09:00–11:00");
        });
        Notification reminder = reminder(id, 1);
        assertThat(reminder.recipientId()).isEqualTo(resident.id());
        assertThat(reminder.template()).isEqualTo("homevisit.reminder");
        assertThat(reminder.dueAt()).isEqualTo(LocalDate.now(ChinaTime.ZONE).plusDays(2).atTime(LocalTime.of(10, 0))
                .atZone(ChinaTime.ZONE).toInstant());

        // Moved by the admin: told again, and only the new time is reminded of.
        Map<String, Object> moved = body(schedule(admin, id, inDays(4, 14), inDays(4, 16), village.advisorId()), 200);
        assertThat(moved).containsEntry("scheduleVersion", 2);
        assertThat(reminder(id, 1)).isNull();
        assertThat(reminder(id, 2).dueAt()).isEqualTo(LocalDate.now(ChinaTime.ZONE).plusDays(3)
                .atTime(LocalTime.of(10, 0)).atZone(ChinaTime.ZONE).toInstant());
        assertThat(notifications(resident.id(), "homevisit.scheduled")).hasSize(2);
        assertThat(body(get(resident.token(), id), 200).get("history")).asInstanceOf(
                InstanceOfAssertFactories.LIST).hasSize(3);
        // Declining a visit already arranged is not how it is called off.
        assertThat(body(post(admin, id, "decline", Map.of("reason", "改主意")), 409))
                .containsEntry("code", "HOME_VISIT_STATE");
    }

    @Test
    void aDeclineTellsTheRequesterWhy() {
        Village village = village("婉拒村");
        Person resident = resident("婉拒人");
        String id = created(resident.token(), village.code());

        assertThat(fields(body(post(village.advisorToken(), id, "decline", Map.of("reason", " ")), 400)))
                .containsExactly("reason");
        assertThat(body(post(village.advisorToken(), id, "decline", Map.of("reason", "可电话解答，顾问已来电。")), 200))
                .containsEntry("status", "DECLINED").containsEntry("declineReason", "可电话解答，顾问已来电。");
        assertThat(inbox(resident.token())).anySatisfy(item -> {
            assertThat(item.get("title")).isEqualTo("上门服务申请未能安排");
            assertThat((String) item.get("body")).contains("可电话解答，顾问已来电。");
        });
        assertThat(body(post(admin, id, "decline", Map.of("reason", "再次")), 409))
                .containsEntry("code", "HOME_VISIT_STATE");
        assertThat(body(schedule(village.advisorToken(), id, inDays(2, 9), inDays(2, 10), null), 409))
                .containsEntry("code", "HOME_VISIT_STATE");
        assertThat(body(post(resident.token(), id, "cancel", Map.of()), 409)).containsEntry("code", "HOME_VISIT_STATE");
    }

    @Test
    void ofAScheduleAndADeclineSentTogetherExactlyOneWins() {
        Village village = village("并发村");
        Person resident = resident("并发人");
        WebClient concurrent = WebClient.create("http://127.0.0.1:" + port);
        for (int round = 0; round < 5; round++) {
            String id = created(resident.token(), village.code());
            Map<String, Object> times = Map.of("startAt", inDays(2, 9).toString(), "endAt", inDays(2, 10).toString());
            List<Map.Entry<Integer, Map<String, Object>>> answers = Flux.merge(
                            call(concurrent, village.advisorToken(), id, "schedule", times),
                            call(concurrent, admin, id, "decline", Map.of("reason", "人手不足")))
                    .collectList().block(Duration.ofSeconds(30));

            assertThat(answers).extracting(Map.Entry::getKey).containsExactlyInAnyOrder(200, 409);
            Map<String, Object> winner = answers.stream().filter(answer -> answer.getKey() == 200).findFirst()
                    .orElseThrow().getValue();
            Map<String, Object> loser = answers.stream().filter(answer -> answer.getKey() == 409).findFirst()
                    .orElseThrow().getValue();
            assertThat(loser).containsEntry("code", "HOME_VISIT_STATE");
            assertThat((String) loser.get("detail")).startsWith("该申请");
            Map<String, Object> now = body(get(admin, id), 200);
            assertThat(now.get("status")).isEqualTo(winner.get("status")).isIn("SCHEDULED", "DECLINED");
            assertThat(now.get("history")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(2);
        }
    }

    @Test
    void theRequesterMayCancelAndTheAdvisorIsToldWhenTheVisitWasArranged() {
        Village village = village("撤销村");
        Person resident = resident("撤销人");
        String waiting = created(resident.token(), village.code());
        assertThat(body(post(village.advisorToken(), waiting, "cancel", Map.of()), 403))
                .containsEntry("code", "FORBIDDEN");
        assertThat(body(post(resident.token(), waiting, "cancel", Map.of("reason", "家人已陪同去司法所")), 200))
                .containsEntry("status", "CANCELLED").containsEntry("cancelReason", "家人已陪同去司法所");
        assertThat(body(post(resident.token(), waiting, "cancel", Map.of()), 409))
                .containsEntry("code", "HOME_VISIT_STATE");

        String arranged = created(resident.token(), village.code());
        schedule(village.advisorToken(), arranged, inDays(5, 9), inDays(5, 10), null).expectStatus().isOk();
        assertThat(reminder(arranged, 1)).isNotNull();
        client.post().uri(BASE + "/{id}/cancel", arranged).headers(h -> h.setBearerAuth(resident.token())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
        assertThat(reminder(arranged, 1)).isNull();
        assertThat(notifications(village.advisorUserId(), "homevisit.cancelled")).singleElement()
                .satisfies(notice -> assertThat(notice.body()).contains("09:00–10:00", "无需前往"));
        assertThat(body(schedule(village.advisorToken(), arranged, inDays(6, 9), inDays(6, 10), null), 409))
                .containsEntry("code", "HOME_VISIT_STATE");
    }

    @Test
    void aVisitIsCompletedOnlyAfterItsStart() {
        Village village = village("完成村");
        Person resident = resident("完成人");
        String id = created(resident.token(), village.code());
        assertThat(body(post(village.advisorToken(), id, "complete", Map.of()), 409))
                .containsEntry("code", "HOME_VISIT_STATE");
        schedule(village.advisorToken(), id, inDays(1, 15), inDays(1, 16), null).expectStatus().isOk();

        assertThat(body(post(village.advisorToken(), id, "complete", Map.of("note", "提前登记")), 409))
                .containsEntry("code", "HOME_VISIT_NOT_STARTED");

        // The visit's time comes (moved into the past here instead of waiting for it).
        mongo.updateFirst(query(where("_id").is(new ObjectId(id))), new Update()
                .set("startAt", Instant.now().minusSeconds(7200)).set("endAt", Instant.now().minusSeconds(3600)),
                "home_visits").block(Duration.ofSeconds(5));
        assertThat(body(post(village.advisorToken(), id, "complete", Map.of("note", "已当面解答，建议调解。")), 200))
                .containsEntry("status", "COMPLETED").containsEntry("completionNote", "已当面解答，建议调解。");
        assertThat(body(post(resident.token(), id, "cancel", Map.of()), 409)).containsEntry("code", "HOME_VISIT_STATE");
    }

    @Test
    void theStaffListPutsWaitingRequestsFirstAndTheSeriouslyIllFirstAmongThem() {
        Village village = village("排序村");
        Person resident = resident("排序人");
        String elderly = created(resident.token(), village.code());
        String ill = created(resident.token(), village.code(), "SERIOUSLY_ILL");
        String disabled = created(resident.token(), village.code(), "DISABLED");
        String illToo = created(resident.token(), village.code(), "SERIOUSLY_ILL");
        schedule(village.advisorToken(), elderly, inDays(2, 9), inDays(2, 10), null).expectStatus().isOk();

        List<Map<String, Object>> all = items(list(village.advisorToken(), "?village=" + village.code()));
        assertThat(all).extracting(visit -> visit.get("id")).containsExactly(ill, illToo, disabled, elderly);
        assertThat(all).extracting(visit -> visit.get("contactPhone")).containsOnly("139****5678");

        // Page by page, one at a time, the same order.
        List<Object> paged = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = body(list(village.advisorToken(), "?village=" + village.code() + "&limit=1"
                    + (cursor == null ? "" : "&cursor=" + cursor)), 200);
            items(page).forEach(visit -> paged.add(visit.get("id")));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        assertThat(paged).containsExactly(ill, illToo, disabled, elderly);

        assertThat(items(list(admin, "?region=" + Directory.SHANHE + "&status=SCHEDULED&limit=100")))
                .extracting(visit -> visit.get("id")).contains(elderly).doesNotContain(ill, disabled);
        assertThat(mine(resident.token())).extracting(visit -> visit.get("id"))
                .containsExactly(illToo, disabled, ill, elderly);
        assertThat(fields(body(list(admin, "?limit=0"), 400))).containsExactly("limit");
        assertThat(fields(body(list(admin, "?cursor=nonsense"), 400))).containsExactly("cursor");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiDocumentDescribesTheHomeVisitOperations() {
        Map<String, Object> doc = client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(MAP).returnResult().getResponseBody();
        Map<String, Map<String, Map<String, Object>>> paths =
                (Map<String, Map<String, Map<String, Object>>>) doc.get("paths");
        assertThat(paths).containsKeys(BASE, BASE + "/mine", BASE + "/{id}", BASE + "/{id}/cancel",
                BASE + "/{id}/schedule", BASE + "/{id}/decline", BASE + "/{id}/complete");
        assertThat(paths.get(BASE).get("post").get("summary")).isEqualTo("申请上门服务");
        assertThat(paths.get(BASE).get("post").get("tags")).isEqualTo(List.of("上门服务"));
        assertThat((Map<String, Object>) paths.get(BASE).get("post").get("responses"))
                .containsKeys("200", "201", "422");
    }

    // --- fixtures and calls -------------------------------------------------------------------------------------

    private record Village(String code, String advisorId, String advisorToken, String advisorUserId) {
    }

    private record Person(String id, String token) {
    }

    /** A fresh village under 山河镇 with its own advisor (named 顾问 + the village's name) under a filed agreement. */
    private Village village(String name) {
        String code = Directory.newVillage(client, admin, name);
        List<String> advisor = Directory.newAdvisor(client, admin, "顾问" + name);
        Directory.fileAgreement(client, admin, advisor.get(0), code);
        String token = Sessions.accessToken(Sessions.staff(client, advisor.get(1), advisor.get(2)));
        return new Village(code, advisor.get(0), token, idOf(token));
    }

    private Person resident(String name) {
        String token = Sessions.accessToken(
                Sessions.wechat(client, name + ThreadLocalRandom.current().nextInt(1_000_000)));
        return new Person(idOf(token), token);
    }

    /** A resident who redeemed an invite into the village's 1+N team. */
    private Person navigator(String village, String name) {
        Map<String, Object> invited = client.post().uri("/api/v1/admin/navigators").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("villageCode", village, "name", name, "role", "MEDIATOR"))
                .exchange().expectStatus().isCreated()
                .expectBody(MAP).returnResult().getResponseBody();
        Person resident = resident(name);
        Map<String, Object> tokens = client.post().uri("/api/v1/me/navigator-invite")
                .headers(h -> h.setBearerAuth(resident.token())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", invited.get("inviteCode"))).exchange()
                .expectStatus().isOk()
                .expectBody(MAP).returnResult().getResponseBody();
        return new Person(resident.id(), Sessions.accessToken(tokens));
    }

    private String idOf(String token) {
        return (String) client.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody().get("id");
    }

    private static Map<String, Object> form(String village) {
        Map<String, Object> form = new HashMap<>();
        form.put("villageCode", village);
        form.put("address", "三组 12 号");
        form.put("reason", "老人行动不便，想咨询子女赡养费的问题。");
        form.put("eligibility", "ELDERLY");
        form.put("contactName", "张桂英");
        form.put("contactPhone", "13912345678");
        form.put("preferredTimes", "工作日上午");
        return form;
    }

    private String created(String token, String village) {
        return created(token, village, "ELDERLY");
    }

    private String created(String token, String village, String eligibility) {
        Map<String, Object> form = form(village);
        form.put("eligibility", eligibility);
        return (String) body(create(token, "k-" + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), form), 201)
                .get("id");
    }

    private WebTestClient.ResponseSpec create(String token, String key, Map<String, Object> form) {
        return client.post().uri(BASE).headers(h -> {
            h.setBearerAuth(token);
            if (key != null) {
                h.set("Idempotency-Key", key);
            }
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(form).exchange();
    }

    private WebTestClient.ResponseSpec get(String token, String id) {
        return client.get().uri(BASE + "/{id}", id).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private WebTestClient.ResponseSpec post(String token, String id, String action, Map<String, Object> body) {
        return client.post().uri(BASE + "/{id}/" + action, id).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec schedule(String token, String id, Instant start, Instant end, String advisorId) {
        Map<String, Object> body = new HashMap<>();
        body.put("startAt", start.toString());
        body.put("endAt", end.toString());
        body.put("advisorId", advisorId);
        return post(token, id, "schedule", body);
    }

    private WebTestClient.ResponseSpec list(String token, String query) {
        return client.get().uri(BASE + query).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private List<Map<String, Object>> mine(String token) {
        return client.get().uri(BASE + "/mine").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> inbox(String token) {
        return (List<Map<String, Object>>) client.get().uri("/api/v1/me/notifications")
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody().get("items");
    }

    private Mono<Map.Entry<Integer, Map<String, Object>>> call(WebClient web, String token,
            String id, String action, Map<String, Object> body) {
        return web.post().uri(BASE + "/{id}/" + action, id).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchangeToMono(response -> response.bodyToMono(MAP)
                        .map(answer -> Map.entry(response.statusCode().value(), answer)));
    }

    private List<Notification> notifications(String recipient, String template) {
        return mongo.find(query(where("recipientId").is(recipient).and("template").is(template)), Notification.class)
                .collectList().block(Duration.ofSeconds(5));
    }

    /** The schedule's reminder unless it was withdrawn. */
    private Notification reminder(String id, int version) {
        return mongo.findOne(query(where("dedupeKey").is(HomeVisitNotices.reminderKey(id, version))
                                .and("status").ne(Notification.Status.WITHDRAWN)), Notification.class)
                .block(Duration.ofSeconds(5));
    }

    /** {@code days} from today at {@code hour}:00 Beijing time. */
    private static Instant inDays(int days, int hour) {
        return LocalDate.now(ChinaTime.ZONE).plusDays(days).atTime(hour, 0).atZone(ChinaTime.ZONE).toInstant();
    }

    private static Map<String, Object> body(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus().isEqualTo(status).expectBody(MAP).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private static List<Map<String, Object>> items(WebTestClient.ResponseSpec response) {
        return items(body(response, 200));
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream().map(error -> (String) error.get("field"))
                .toList();
    }
}
