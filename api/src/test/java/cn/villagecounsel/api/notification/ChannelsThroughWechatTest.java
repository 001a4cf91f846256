package cn.villagecounsel.api.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;

import cn.villagecounsel.api.ThroughWechatApi;
import cn.villagecounsel.api.account.User;
import cn.villagecounsel.api.notification.Notification.Status;

/**
 * Each channel against WireMock playing WeChat's documented endpoints: subscription messages with credits, the
 * Official Account's 48-hour window, and the fall back to the inbox when a channel cannot reach the person.
 */
class ChannelsThroughWechatTest extends ThroughWechatApi {

    private static final String SUBSCRIBE = "/cgi-bin/message/subscribe/send";
    private static final String CUSTOM = "/cgi-bin/message/custom/send";

    @Autowired
    WebTestClient client;

    @Autowired
    Notifications notifications;

    @Autowired
    OfficialAccountContacts contacts;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    Clock clock;

    @AfterEach
    void unpause() {
        redis.delete("vc:notify:paused:" + SubscriptionChannel.NAME, "vc:notify:paused:" + OfficialAccountChannel.NAME)
                .block(Duration.ofSeconds(5));
    }

    @Test
    void aSubscriptionMessageSpendsOneCreditAndWithoutOneStaysInTheInbox() {
        Resident resident = signIn();
        accept(resident, REPLY_TEMPLATE);
        stubSubscribe(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        Notification first = enqueue(resident, "test.reply");
        Notification second = enqueue(resident, "test.reply");

        // Whichever the dispatcher sends first gets the one credit.
        List<Notification> both = List.of(settled(first), settled(second));
        Notification sent = both.stream().filter(n -> SubscriptionChannel.NAME.equals(n.deliveredChannel()))
                .findFirst().orElseThrow();
        Notification kept = both.stream().filter(n -> n != sent).findFirst().orElseThrow();
        assertThat(sent.status()).isEqualTo(Status.DELIVERED);
        assertThat(kept.status()).isEqualTo(Status.DELIVERED);
        assertThat(kept.deliveredChannel()).isEqualTo(Dispatcher.INBOX_ONLY);
        assertThat(kept.note()).contains("没有剩余的订阅次数");
        wechat.verify(1, postRequestedFor(urlPathEqualTo(SUBSCRIBE)).withQueryParam("access_token", equalTo("ACCESS"))
                .withRequestBody(matchingJsonPath("$.touser", equalTo(resident.openid())))
                .withRequestBody(matchingJsonPath("$.template_id", equalTo(REPLY_TEMPLATE)))
                .withRequestBody(matchingJsonPath("$.page", equalTo("pages/notification/detail?id=" + sent.id())))
                .withRequestBody(matchingJsonPath("$.data.thing1.value", equalTo("您的问题有了新回复")))
                .withRequestBody(matchingJsonPath("$.data.thing2.value", equalTo("婚姻家庭"))));
        assertThat(credits(resident, REPLY_TEMPLATE)).isZero();
        inbox(resident).jsonPath("$.items.length()").isEqualTo(2);
    }

    @Test
    void errcode43101MeansNoCreditIsLeftAndTheInboxKeepsTheMessage() {
        Resident resident = signIn();
        accept(resident, REPLY_TEMPLATE);
        accept(resident, REPLY_TEMPLATE);
        stubSubscribe(okJson("{\"errcode\":43101,\"errmsg\":\"user refuse to accept the msg\"}"));

        Notification kept = settled(enqueue(resident, "test.reply"));

        assertThat(kept.deliveredChannel()).isEqualTo(Dispatcher.INBOX_ONLY);
        assertThat(kept.note()).contains("已没有订阅次数");
        assertThat(credits(resident, REPLY_TEMPLATE)).isZero();
        wechat.verify(1, postRequestedFor(urlPathEqualTo(SUBSCRIBE)));
    }

    @Test
    void errcode45009PausesSubscriptionMessagesForTheDayAndGivesTheCreditBack() {
        Resident resident = signIn();
        accept(resident, REPLY_TEMPLATE);
        accept(resident, REPLY_TEMPLATE);
        stubSubscribe(okJson("{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"}"));

        Notification throttled = settled(enqueue(resident, "test.reply"));
        Notification paused = settled(enqueue(resident, "test.reply"));

        assertThat(throttled.deliveredChannel()).isEqualTo(Dispatcher.INBOX_ONLY);
        assertThat(paused.deliveredChannel()).isEqualTo(Dispatcher.INBOX_ONLY);
        assertThat(paused.note()).contains("今日发送额度已用完");
        wechat.verify(1, postRequestedFor(urlPathEqualTo(SUBSCRIBE)));
        assertThat(credits(resident, REPLY_TEMPLATE)).isEqualTo(2);
        Long pausedFor = redis.getExpire("vc:notify:paused:" + SubscriptionChannel.NAME)
                .map(Duration::toSeconds).block(Duration.ofSeconds(5));
        assertThat(pausedFor).isBetween(1L, 24 * 3600L);
    }

    @Test
    void faultsAreRetriedLaterWithTheCreditGivenBack() {
        List<ResponseDefinitionBuilder> faults = List.of(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK),
                okJson("{\"errcode\":"),
                okJson("{\"errcode\":-1,\"errmsg\":\"system error\"}"));
        for (ResponseDefinitionBuilder fault : faults) {
            wechat.resetRequests();
            Resident resident = signIn();
            accept(resident, REPLY_TEMPLATE);
            stubSubscribe(fault);

            Notification enqueued = enqueue(resident, "test.reply");
            Notification waiting = await().atMost(Duration.ofSeconds(20))
                    .until(() -> byId(enqueued.id()), found -> found.attempts() == 1);

            assertThat(waiting.status()).isEqualTo(Status.PENDING);
            assertThat(waiting.nextAttemptAt()).isAfter(clock.instant().plusSeconds(3));
            assertThat(waiting.lastError()).contains("微信暂时不可用");
            assertThat(credits(resident, REPLY_TEMPLATE)).isEqualTo(1);
            assertThat(mongo.exists(query(where("_id").is(waiting.dedupeKey())), Dispatcher.SEND_LOG)
                    .block(Duration.ofSeconds(5))).as("the key is free for the retry").isFalse();

            stubSubscribe(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}"));
            mongo.updateFirst(query(where("_id").is(new ObjectId(waiting.id()))),
                    new Update().set("nextAttemptAt", clock.instant()), Notification.class).block(Duration.ofSeconds(5));
            assertThat(settled(waiting).deliveredChannel()).isEqualTo(SubscriptionChannel.NAME);
            wechat.verify(2, postRequestedFor(urlPathEqualTo(SUBSCRIBE)));
        }
    }

    @Test
    void aTemplateWechatDoesNotKnowIsADeadLetter() {
        Resident resident = signIn();
        accept(resident, REPLY_TEMPLATE);
        stubSubscribe(okJson("{\"errcode\":40037,\"errmsg\":\"invalid template_id\"}"));

        Notification dead = settled(enqueue(resident, "test.reply"));

        assertThat(dead.status()).isEqualTo(Status.DEAD);
        assertThat(dead.lastError()).contains("40037").contains("模板编号无效");
        assertThat(credits(resident, REPLY_TEMPLATE)).isEqualTo(1);
    }

    @Test
    void aLongTermTemplateNeedsNoCredit() {
        Resident resident = signIn();
        stubSubscribe(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        Notification sent = settled(enqueue(resident, "test.reminder"));

        assertThat(sent.deliveredChannel()).isEqualTo(SubscriptionChannel.NAME);
        wechat.verify(1, postRequestedFor(urlPathEqualTo(SUBSCRIBE))
                .withRequestBody(matchingJsonPath("$.template_id", equalTo(LONG_TERM_TEMPLATE))));
    }

    @Test
    void theOfficialAccountTakesOverWithinFortyEightHoursAndFiveMessages() {
        Resident resident = signIn();
        String oaOpenId = "oa-" + UUID.randomUUID();
        contacts.inbound(oaOpenId, resident.unionid(), clock.instant().minus(Duration.ofHours(47)))
                .block(Duration.ofSeconds(5));
        stubCustom(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        List<Notification> settled = IntStream.range(0, 6)
                .mapToObj(i -> settled(enqueue(resident, "test.unmapped"))).toList();

        assertThat(settled.subList(0, 5)).allSatisfy(sent -> {
            assertThat(sent.deliveredChannel()).isEqualTo(OfficialAccountChannel.NAME);
            assertThat(sent.note()).contains("没有配置订阅消息模板");
        });
        assertThat(settled.get(5).deliveredChannel()).isEqualTo(Dispatcher.INBOX_ONLY);
        assertThat(settled.get(5).note()).contains("48 小时内没有给公众号发过消息");
        wechat.verify(5, postRequestedFor(urlPathEqualTo(CUSTOM)).withQueryParam("access_token", equalTo("OA-ACCESS"))
                .withRequestBody(matchingJsonPath("$.touser", equalTo(oaOpenId)))
                .withRequestBody(matchingJsonPath("$.text.content", equalTo("您的问题有了新回复\n张律师已回复，请查看。"))));
    }

    @Test
    void afterFortyEightHoursOrWhenWechatSaysSoTheInboxKeepsTheMessage() {
        Resident stale = signIn();
        contacts.inbound("oa-" + UUID.randomUUID(), stale.unionid(), clock.instant().minus(Duration.ofHours(49)))
                .block(Duration.ofSeconds(5));
        Resident closed = signIn();
        contacts.inbound("oa-" + UUID.randomUUID(), closed.unionid(), clock.instant()).block(Duration.ofSeconds(5));
        stubCustom(okJson("{\"errcode\":45015,\"errmsg\":\"response out of time limit\"}"));

        assertThat(settled(enqueue(stale, "test.unmapped")).deliveredChannel()).isEqualTo(Dispatcher.INBOX_ONLY);
        wechat.verify(0, postRequestedFor(urlPathEqualTo(CUSTOM)));
        Notification fellBack = settled(enqueue(closed, "test.unmapped"));
        Notification next = settled(enqueue(closed, "test.unmapped"));

        assertThat(fellBack.deliveredChannel()).isEqualTo(Dispatcher.INBOX_ONLY);
        assertThat(fellBack.note()).contains("48 小时回复时限");
        assertThat(next.deliveredChannel()).isEqualTo(Dispatcher.INBOX_ONLY);
        wechat.verify(1, postRequestedFor(urlPathEqualTo(CUSTOM)));
    }

    record Resident(String id, String openid, String unionid, String token) {
    }

    private Resident signIn() {
        String code = "code-" + UUID.randomUUID().toString().substring(0, 8);
        String openid = "o-" + UUID.randomUUID();
        String unionid = "u-" + UUID.randomUUID();
        wechat.stubFor(get(urlPathEqualTo("/sns/jscode2session")).withQueryParam("js_code", equalTo(code))
                .willReturn(okJson("{\"openid\":\"" + openid + "\",\"unionid\":\"" + unionid
                        + "\",\"session_key\":\"tiihtNczf5v6AKRyjwEUhQ==\"}")));
        @SuppressWarnings("unchecked")
        Map<String, Object> tokens = client.post().uri("/api/v1/auth/wechat").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        User user = mongo.findOne(query(where("openid").is(openid)), User.class).block(Duration.ofSeconds(5));
        return new Resident(user.id(), openid, unionid, (String) tokens.get("access_token"));
    }

    private void accept(Resident resident, String templateId) {
        client.post().uri("/api/v1/me/subscriptions").headers(h -> h.setBearerAuth(resident.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("templateId", templateId, "result", "accept"))
                .exchange().expectStatus().isOk();
    }

    private int credits(Resident resident, String templateId) {
        List<?> credits = client.get().uri("/api/v1/me/subscriptions").headers(h -> h.setBearerAuth(resident.token()))
                .exchange().expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
        return credits.stream().map(Map.class::cast).filter(credit -> templateId.equals(credit.get("templateId")))
                .map(credit -> (Integer) credit.get("credits")).findFirst().orElse(0);
    }

    private WebTestClient.BodyContentSpec inbox(Resident resident) {
        return client.get().uri("/api/v1/me/notifications").headers(h -> h.setBearerAuth(resident.token()))
                .exchange().expectStatus().isOk().expectBody();
    }

    private void stubSubscribe(ResponseDefinitionBuilder response) {
        wechat.stubFor(post(urlPathEqualTo(SUBSCRIBE)).willReturn(response));
    }

    private void stubCustom(ResponseDefinitionBuilder response) {
        wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
                .withRequestBody(matchingJsonPath("$.appid", equalTo(OFFICIAL_ACCOUNT_ID)))
                .willReturn(okJson("{\"access_token\":\"OA-ACCESS\",\"expires_in\":7200}")));
        wechat.stubFor(post(urlPathEqualTo(CUSTOM)).willReturn(response));
    }

    private Notification enqueue(Resident resident, String template) {
        String key = "test:" + UUID.randomUUID();
        return notifications.enqueue(new NewNotification(resident.id(), template, "您的问题有了新回复",
                "张律师已回复，请查看。", Map.of("topic", "婚姻家庭"), key, "621025100201", null))
                .block(Duration.ofSeconds(5));
    }

    /** Waits for the background dispatcher to finish with the message. */
    private Notification settled(Notification notification) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> byId(notification.id()),
                found -> found.status() != Status.PENDING);
    }

    private Notification byId(String id) {
        return mongo.findById(new ObjectId(id), Notification.class).block(Duration.ofSeconds(5));
    }
}
