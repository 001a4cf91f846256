package cn.villagecounsel.api.question;

import static cn.villagecounsel.api.question.QuestionApi.actions;
import static cn.villagecounsel.api.question.QuestionApi.body;
import static cn.villagecounsel.api.question.QuestionApi.form;
import static cn.villagecounsel.api.question.QuestionApi.history;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;
import cn.villagecounsel.api.notification.Notification;
import cn.villagecounsel.api.question.QuestionApi.Advisor;

/** Asking, reading and the asker's actions, through the API against the real stack. */
@IntegrationTest
class QuestionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
    private static final byte[] MP3 = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, 0, 0};

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveMongoTemplate mongo;

    QuestionApi api;

    @BeforeEach
    void setUp() {
        api = new QuestionApi(client);
    }

    @Test
    void aResidentAsksOnceAndTheVillagesAdvisorIsTold() {
        String village = api.village("提问村");
        Advisor advisor = api.advisor("提问村顾问", village);
        String resident = api.resident("张秀兰");
        String key = UUID.randomUUID().toString();
        Map<String, Object> form = form(village, "我家承包的三亩地被邻居占了一半，村里调解不成，该怎么办？");
        form.put("urgent", true);

        Map<String, Object> asked = body(api.ask(resident, key, form), 201);
        Map<String, Object> replayed = body(api.ask(resident, key, form), 200);

        assertThat(replayed.get("id")).isEqualTo(asked.get("id"));
        assertThat(asked).containsEntry("status", "OPEN").containsEntry("statusLabel", "待认领")
                .containsEntry("poolLevel", "VILLAGE").containsEntry("villageName", "提问村")
                .containsEntry("topicLabel", "土地承包与流转").containsEntry("urgent", true)
                .containsEntry("channel", "MINI_PROGRAM").containsEntry("contentCheck", "PASS");
        assertThat(asked.get("escalateAt")).isNotNull();
        assertThat(actions(asked)).containsExactly("FOLLOW_UP", "CLOSE");
        assertThat(history(asked)).containsExactly("ASKED");
        assertThat(mongo.count(query(where("askedBy").is(userId(resident))), Question.class).block(WAIT)).isEqualTo(1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> mine = (List<Map<String, Object>>) body(api.get(resident, "/api/v1/questions/mine"), 200)
                .get("items");
        assertThat(mine).singleElement().satisfies(item -> assertThat(item).containsEntry("id", asked.get("id"))
                .containsEntry("excerpt", "我家承包的三亩地被邻居占了一半，村里调解不成，该怎么办？"));
        // the advisor's inbox line names the village and the matter, not the person
        assertThat(notifications(userId(advisor.token()), "question.new")).singleElement()
                .satisfies(told -> assertThat(told.body()).contains("提问村", "土地承包与流转").doesNotContain("张秀兰"));
    }

    @Test
    void onlyTheAskerTheVillagesAdvisorsAndAdminsInScopeSeeAQuestion() {
        String village = api.village("隐私村");
        Advisor own = api.advisor("隐私村顾问", village);
        Advisor neighbouring = api.advisor("邻村顾问", api.village("邻村"));
        String resident = api.resident("李桂兰");
        Map<String, Object> form = form(village, "婆家不让我回娘家，还扣着我的身份证，怎么办？");
        form.put("contactPhone", "13912345678");
        String id = (String) body(api.ask(resident, form), 201).get("id");

        assertThat(api.question(resident, id)).extractingByKey("asker").asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("phone", "13912345678");
        assertThat(api.question(own.token(), id)).extractingByKey("asker").asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("phone", "139****5678");
        assertThat(actions(api.question(own.token(), id))).containsExactly("CLAIM");
        body(api.get(Sessions.accessToken(Sessions.staff(client, "shanhe-admin", "Demo@2026")), "/api/v1/questions/{id}", id), 200);
        body(api.get(api.admin, "/api/v1/questions/{id}", id), 200);

        assertThat(body(api.get(api.resident("王五"), "/api/v1/questions/{id}", id), 404))
                .containsEntry("code", "QUESTION_NOT_FOUND");
        body(api.get(neighbouring.token(), "/api/v1/questions/{id}", id), 404);
        assertThat(api.queue(neighbouring.token())).extracting(item -> item.get("id")).doesNotContain(id);
        body(api.claim(neighbouring.token(), id), 404);
        body(api.get(resident, "/api/v1/questions/not-an-id"), 404);
        assertThat(body(api.get(resident, "/api/v1/queue"), 403)).containsEntry("code", "FORBIDDEN");
        assertThat(body(api.get(own.token(), "/api/v1/admin/questions"), 403)).containsEntry("code", "FORBIDDEN");

        // an admin of another township
        String elsewhere = "621025101" + (100 + (int) (Math.random() * 800));
        body(api.post(api.admin, "/api/v1/admin/regions", Map.of("code", elsewhere, "name", "外乡村")), 201);
        String outside = api.asked(api.resident("外乡人"), elsewhere, "外乡村的土地确权问题想咨询一下");
        body(api.get(Sessions.accessToken(Sessions.staff(client, "shanhe-admin", "Demo@2026")), "/api/v1/questions/{id}", outside), 404);
    }

    @Test
    void anAdvisorSeesTheFullPhoneOnlyWhenTheAskerAgreedToBeCalled() {
        String village = api.village("来电村");
        Advisor advisor = api.advisor("来电村顾问", village);
        Map<String, Object> form = form(village, "工地老板拖欠三个月工资不给，怎么讨要？");
        form.put("contactPhone", "13800001111");
        form.put("callbackAllowed", true);
        String id = (String) body(api.ask(api.resident("赵大"), form), 201).get("id");

        Map<String, Object> seen = api.question(advisor.token(), id);

        assertThat(seen).extractingByKey("asker").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("phone", "13800001111").containsEntry("callbackAllowed", true);
        Question stored = mongo.findById(id, Question.class).block(WAIT);
        assertThat(stored.askerPhone()).doesNotContain("13800001111");
        assertThat(mongo.count(query(where("action").is("question.phone.view").and("target").is(id)),
                cn.villagecounsel.api.common.AuditEntry.class).block(WAIT)).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedClearlyAndNothingIsStored() {
        String village = api.village("校验村");
        String resident = api.resident("钱七");
        String user = userId(resident);

        assertThat(body(api.ask(resident, null, form(village, "没有请求编号的问题内容")), 400)).containsEntry("code", "VALIDATION_FAILED");
        assertFieldError(body(api.ask(resident, form(village, "太短")), 400), "text");
        assertFieldError(body(api.ask(resident, form(village, "长".repeat(2001))), 400), "text");
        assertFieldError(body(api.ask(resident, form("621025999999", "不存在的村的问题内容")), 400), "villageCode");
        Map<String, Object> tooMany = form(village, "九张以上的图片不行");
        tooMany.put("imageIds", IntStream.range(0, 10).mapToObj(i -> "a".repeat(24)).toList());
        assertFieldError(body(api.ask(resident, tooMany), 400), "imageIds");
        Map<String, Object> unknownTopic = form(village, "事项不存在的问题内容");
        unknownTopic.put("topic", "ALIENS");
        assertThat(body(api.ask(resident, unknownTopic), 400)).containsEntry("code", "MALFORMED_REQUEST");

        // files: the type is read from the content, sizes are bounded, a file of the wrong kind is refused
        assertThat(body(api.upload(resident, "photo.jpg", "not an image at all".getBytes()), 415))
                .containsEntry("code", "FILE_TYPE_NOT_ALLOWED");
        byte[] longVoice = Arrays.copyOf(MP3, 2 * 1024 * 1024 + 1);
        assertThat(body(api.upload(resident, "voice.mp3", longVoice), 413)).containsEntry("code", "FILE_TOO_LARGE");
        String image = (String) body(api.upload(resident, "photo.png", PNG), 201).get("id");
        Map<String, Object> imageAsVoice = form(village, "把图片当成语音提交");
        imageAsVoice.put("voiceId", image);
        assertFieldError(body(api.ask(resident, imageAsVoice), 400), "voiceId");
        String someoneElses = (String) body(api.upload(api.resident("别人"), "x.png", PNG), 201).get("id");
        Map<String, Object> borrowed = form(village, "用别人上传的图片提问");
        borrowed.put("imageIds", List.of(image, someoneElses));
        assertFieldError(body(api.ask(resident, borrowed), 400), "imageIds");

        assertThat(mongo.count(query(where("askedBy").is(user)), Question.class).block(WAIT)).isZero();
        // the refused questions left the resident's own upload free to use
        assertThat(mongo.findById(image, QuestionAttachment.class).block(WAIT).questionId()).isNull();
    }

    @Test
    void photosAndAVoiceClipGoWithTheQuestionAndOnlyThoseWhoSeeItGetThem() {
        String village = api.village("附件村");
        Advisor advisor = api.advisor("附件村顾问", village);
        String resident = api.resident("孙八");
        String image = (String) body(api.upload(resident, "合同.png", PNG), 201).get("id");
        Map<String, Object> voice = body(api.upload(resident, "语音", MP3), 201);
        assertThat(voice).containsEntry("kind", "VOICE").containsEntry("mediaType", "audio/mpeg");
        Map<String, Object> form = form(village, "借条上的字迹看不清，借款还能要回来吗？");
        form.put("imageIds", List.of(image));
        form.put("voiceId", voice.get("id"));
        String id = (String) body(api.ask(resident, form), 201).get("id");

        assertThat(api.question(advisor.token(), id).get("attachments")).asList().hasSize(2);
        byte[] downloaded = client.get().uri("/api/v1/questions/{id}/attachments/{a}", id, image)
                .headers(h -> h.setBearerAuth(advisor.token())).exchange()
                .expectStatus().isOk().expectHeader().contentType(MediaType.IMAGE_PNG)
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(downloaded).isEqualTo(PNG);
        body(api.get(api.resident("路人"), "/api/v1/questions/{id}/attachments/{a}", id, image), 404);
        // a file taken by one question cannot go with another
        Map<String, Object> again = form(village, "再用同一张图片提问一次");
        again.put("imageIds", List.of(image));
        assertFieldError(body(api.ask(resident, again), 400), "imageIds");
    }

    @Test
    void aLegalSavvyResidentAsksForANeighbourAndRelaysTheAnswer() {
        String village = api.village("代问村");
        Advisor advisor = api.advisor("代问村顾问", village);
        String navigator = api.navigator(village, "赵文华");
        Map<String, Object> form = form(village, "王大娘的儿子不给赡养费，她想问怎么办");
        form.put("forNeighbour", Map.of("name", "王桂英", "phone", "13987654321",
                "consent", Map.of("method", "VERBAL", "note", "本人当面口头同意")));
        String id = (String) body(api.ask(navigator, form), 201).get("id");

        Map<String, Object> seen = api.question(advisor.token(), id);
        assertThat(seen).extractingByKey("asker").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("name", "王桂英").containsEntry("forNeighbour", true)
                .containsEntry("phone", "139****4321");
        body(api.claim(advisor.token(), id), 200);
        body(api.answer(advisor.token(), id, "可以先请村调解委员会调解，调解不成可以向法院起诉要求支付赡养费。"), 200);

        Map<String, Object> relayed = api.question(navigator, id);
        assertThat(relayed).containsEntry("status", "ANSWERED");
        assertThat(actions(relayed)).contains("RATE", "FOLLOW_UP");
        assertThat(notifications(userId(navigator), "question.answered")).singleElement()
                .satisfies(told -> assertThat(told.body()).contains("调解委员会"));

        // a resident who is not a legal-savvy resident of the village may not ask for others
        assertThat(body(api.ask(api.resident("冒名"), form), 403)).containsEntry("code", "FORBIDDEN");
    }

    @Test
    void theAskerFollowsUpRatesOnceClosesAndReopensInTime() {
        String village = api.village("评价村");
        Advisor advisor = api.advisor("评价村顾问", village);
        String resident = api.resident("周九");
        String id = api.asked(resident, village, "邻居家的树根把我家院墙拱裂了，怎么要求赔偿？");

        assertThat(body(api.post(resident, "/api/v1/questions/{id}/rating", Map.of("stars", 5), id), 409))
                .containsEntry("code", "QUESTION_STATE_CHANGED");
        body(api.claim(advisor.token(), id), 200);
        body(api.answer(advisor.token(), id, "可以先协商，协商不成可请村里调解，并保留照片等证据。"), 200);

        // a follow-up goes back to the advisor who answered
        Map<String, Object> followed = body(api.post(resident, "/api/v1/questions/{id}/messages",
                Map.of("text", "调解他不来怎么办？"), id), 200);
        assertThat(followed).containsEntry("status", "CLAIMED");
        assertThat(followed).extractingByKey("claim").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("advisorId", advisor.id());
        assertThat(notifications(userId(advisor.token()), "question.follow-up")).hasSize(1);
        body(api.answer(advisor.token(), id, "对方不参加调解的，可以直接向人民法院起诉。"), 200);

        assertThat(body(api.post(resident, "/api/v1/questions/{id}/rating", Map.of("stars", 6), id), 400))
                .containsEntry("code", "VALIDATION_FAILED");
        body(api.post(api.resident("旁人"), "/api/v1/questions/{id}/rating", Map.of("stars", 1), id), 404);
        Map<String, Object> rated = body(api.post(resident, "/api/v1/questions/{id}/rating",
                Map.of("stars", 5, "tags", List.of("解答清楚"), "comment", "谢谢顾问"), id), 200);
        assertThat(rated).extractingByKey("rating").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("stars", 5).containsEntry("comment", "谢谢顾问");
        assertThat(body(api.post(resident, "/api/v1/questions/{id}/rating", Map.of("stars", 4), id), 409))
                .containsEntry("code", "ALREADY_RATED");

        Map<String, Object> closed = body(api.post(resident, "/api/v1/questions/{id}/close", Map.of(), id), 200);
        assertThat(closed).containsEntry("status", "CLOSED");
        assertThat(actions(closed)).containsExactly("REOPEN");
        Map<String, Object> reopened = body(api.post(resident, "/api/v1/questions/{id}/reopen", Map.of(), id), 200);
        assertThat(reopened).containsEntry("status", "OPEN").containsEntry("poolLevel", "VILLAGE");
        assertThat(history(reopened)).containsExactly("ASKED", "CLAIMED", "ANSWERED", "FOLLOWED_UP", "ANSWERED",
                "RATED", "CLOSED", "REOPENED");

        body(api.post(resident, "/api/v1/questions/{id}/close", Map.of(), id), 200);
        Question stored = mongo.findById(id, Question.class).block(WAIT);
        mongo.updateFirst(query(where("_id").is(id)), Update.update("closedAt", stored.closedAt().minus(Duration.ofDays(8))),
                Question.class).block(WAIT);
        assertThat(body(api.post(resident, "/api/v1/questions/{id}/reopen", Map.of(), id), 409))
                .containsEntry("code", "REOPEN_EXPIRED");
    }

    @Test
    void theAnswerTheAskerSawStaysInTheThreadWithWhoAndWhen() {
        String village = api.village("留痕村");
        Advisor advisor = api.advisor("留痕村顾问", village);
        String resident = api.resident("吴十");
        String id = api.asked(resident, village, "离婚后孩子的抚养费标准是多少？");
        body(api.claim(advisor.token(), id), 200);
        body(api.answer(advisor.token(), id, "一般按月收入的 20% 至 30% 确定。"), 200);

        // no way to answer again without holding it, and nothing rewrites the first answer
        assertThat(body(api.answer(advisor.token(), id, "改一下答复"), 409)).containsEntry("code", "NOT_CLAIMED_BY_YOU");
        Map<String, Object> seen = api.question(resident, id);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages = (List<Map<String, Object>>) seen.get("messages");
        assertThat(messages).extracting(message -> message.get("kind")).containsExactly("QUESTION", "ANSWER");
        assertThat(messages.get(1)).containsEntry("text", "一般按月收入的 20% 至 30% 确定。")
                .containsEntry("authorName", "留痕村顾问").containsEntry("authorRole", "ADVISOR");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) seen.get("history");
        assertThat(entries).allSatisfy(entry -> assertThat(entry.get("at")).isNotNull());
        assertThat(entries.get(2)).containsEntry("action", "ANSWERED").containsEntry("actorName", "留痕村顾问")
                .containsEntry("fromStatus", "CLAIMED").containsEntry("toStatus", "ANSWERED");
    }

    private static void assertFieldError(Map<String, Object> problem, String field) {
        assertThat(problem).containsEntry("code", "VALIDATION_FAILED");
        assertThat(problem.get("errors")).asList().anySatisfy(error -> assertThat(error).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("field", field));
    }

    private String userId(String token) {
        return (String) body(api.get(token, "/api/v1/me"), 200).get("id");
    }

    private List<Notification> notifications(String recipient, String template) {
        return mongo.find(query(where("recipientId").is(recipient).and("template").is(template)), Notification.class)
                .collectList().block(WAIT);
    }
}
