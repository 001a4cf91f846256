package cn.villagecounsel.api.officialaccount;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import cn.villagecounsel.api.ThroughWechatApi;
import cn.villagecounsel.api.account.User;
import cn.villagecounsel.api.notification.OfficialAccountContacts;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import me.chanjar.weixin.mp.util.crypto.WxMpCryptUtil;

/**
 * {@code /wx/mp} on the real stack (in-process MongoDB, redis-server, security chain), with this test playing WeChat's
 * push servers (signatures and safe-mode crypto with WxJava's own classes) and WireMock playing WeChat's API
 * ({@code user/info}, {@code jscode2session}). What was filed is read the way the
 * resident reads it: 我的提问 through the questions API.
 */
class OfficialAccountCallbackTest extends ThroughWechatApi {

    private static final String TOKEN = "villageCounsel2026";
    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final String ACCOUNT = "gh_7f083739789a";
    private static final String VILLAGE = "621025100201";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final AtomicLong MSG_IDS = new AtomicLong(24_321_998_341_000_000L);

    @DynamicPropertySource
    static void callbacks(DynamicPropertyRegistry registry) {
        registry.add("vc.wechat.official-account.token", () -> TOKEN);
        registry.add("vc.wechat.official-account.aes-key", () -> AES_KEY);
        // Room for a WeChat slower than the callback's 4 seconds (aSlowWechat...).
        registry.add("vc.wechat.timeout", () -> "10s");
    }

    @Autowired
    WebTestClient client;

    @Autowired
    OfficialAccountContacts contacts;

    @Autowired
    PendingMessages pendingMessages;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    Clock clock;

    @Test
    void wechatsServerCheckGetsTheEchostrOnlyWithTheRightSignature() {
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        client.get().uri(uri -> uri.path("/wx/mp").queryParam("signature", SHA1.gen(TOKEN, timestamp, "4711"))
                        .queryParam("timestamp", timestamp).queryParam("nonce", "4711")
                        .queryParam("echostr", "5838479218127813673").build())
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectBody(String.class).isEqualTo("5838479218127813673");

        client.get().uri(uri -> uri.path("/wx/mp").queryParam("signature", SHA1.gen("guessed", timestamp, "4711"))
                        .queryParam("timestamp", timestamp).queryParam("nonce", "4711")
                        .queryParam("echostr", "5838479218127813673").build())
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("WECHAT_SIGNATURE_INVALID")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("签名校验失败"));
        client.get().uri("/wx/mp").exchange().expectStatus().isForbidden();
    }

    @Test
    void aTextFromAKnownResidentIsFiledAndAnsweredInTime() {
        Resident resident = residentOfTheVillage();
        long msgId = MSG_IDS.incrementAndGet();
        Instant sent = clock.instant().minusSeconds(1);

        long started = System.nanoTime();
        String reply = push(text(resident.openId(), sent, "邻居占了我家的宅基地，怎么办？", msgId));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("within WeChat's 5 seconds").isLessThan(Duration.ofMillis(4_900));
        assertThat(element(reply, "ToUserName")).isEqualTo(resident.openId());
        assertThat(element(reply, "FromUserName")).isEqualTo(ACCOUNT);
        assertThat(element(reply, "Content")).isEqualTo(OfficialAccountInbox.RECEIVED);
        assertThat(filed(resident)).containsExactly("邻居占了我家的宅基地，怎么办？");
        Map<String, Object> question = questionsOf(resident).get(0);
        assertThat(question).containsEntry("villageCode", VILLAGE).containsEntry("channel", "OFFICIAL_ACCOUNT")
                .containsEntry("topic", "OTHER").containsEntry("status", "OPEN")
                .containsEntry("askedAt", Instant.ofEpochSecond(sent.getEpochSecond()).toString());
        Document contact = mongo.findById(resident.openId(), Document.class, "oa_contacts").block(Duration.ofSeconds(5));
        assertThat(contact).as("the 48-hour window is open and linked").isNotNull();
        assertThat(contact.getString("userId")).isEqualTo(resident.userId());
        assertThat(contact.getString("unionId")).isEqualTo(resident.unionId());
    }

    @Test
    void aSafeModeMessageIsDecryptedAndTheReplyEncrypted() {
        Resident resident = residentOfTheVillage();
        long msgId = MSG_IDS.incrementAndGet();

        String reply = pushEncrypted(text(resident.openId(), clock.instant(), "土地承包合同到期了还能续吗", msgId));

        assertThat(reply).doesNotContain(OfficialAccountInbox.RECEIVED).doesNotContain(resident.openId());
        String ciphertext = element(reply, "Encrypt");
        assertThat(element(reply, "MsgSignature"))
                .isEqualTo(SHA1.gen(TOKEN, element(reply, "TimeStamp"), element(reply, "Nonce"), ciphertext));
        String decrypted = wechatsCrypto().decrypt(ciphertext);
        assertThat(element(decrypted, "ToUserName")).isEqualTo(resident.openId());
        assertThat(element(decrypted, "Content")).isEqualTo(OfficialAccountInbox.RECEIVED);
        assertThat(filed(resident)).containsExactly("土地承包合同到期了还能续吗");
    }

    @Test
    void aMessageWechatSendsAgainIsFiledOnceAndAnsweredTheSame() {
        Resident resident = residentOfTheVillage();
        long msgId = MSG_IDS.incrementAndGet();
        String message = text(resident.openId(), clock.instant(), "工伤赔偿怎么算？", msgId);

        String first = push(message);
        String second = push(message);
        String third = pushEncrypted(message);

        assertThat(element(first, "Content")).isEqualTo(OfficialAccountInbox.RECEIVED);
        assertThat(element(second, "Content")).isEqualTo(OfficialAccountInbox.RECEIVED);
        assertThat(element(wechatsCrypto().decrypt(element(third, "Encrypt")), "Content"))
                .isEqualTo(OfficialAccountInbox.RECEIVED);
        assertThat(filed(resident)).containsExactly("工伤赔偿怎么算？");
        wechat.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/user/info"))
                .withQueryParam("openid", equalTo(resident.openId())));
    }

    @Test
    void anUnknownSenderIsAskedToChooseAVillageAndFiledOnceKnown() {
        String openId = openId();
        String unionId = "u-" + UUID.randomUUID();
        stubUserInfo(openId, unionId);
        long first = MSG_IDS.incrementAndGet();
        long second = MSG_IDS.incrementAndGet();
        long third = MSG_IDS.incrementAndGet();
        Instant now = clock.instant();

        String stranger = push(text(openId, now.minusSeconds(300), "我爸去世了，房子怎么继承？", first));

        assertThat(element(stranger, "Content")).startsWith(OfficialAccountInbox.CHOOSE_VILLAGE)
                .contains("<a data-miniprogram-appid=\"" + APP_ID
                        + "\" data-miniprogram-path=\"pages/village/choose\">点此选择您所在的村（社区）</a>");
        assertThat(pendingIds(openId)).containsExactly(String.valueOf(first));

        // Signed in to the mini-program (same unionid) but no village chosen yet: still kept.
        Resident resident = signIn(unionId);
        assertThat(element(push(text(openId, now.minusSeconds(200), "还有两个姐姐", second)), "Content"))
                .startsWith(OfficialAccountInbox.CHOOSE_VILLAGE);
        assertThat(filed(resident)).isEmpty();

        chooseVillage(resident);
        String known = push(text(openId, now.minusSeconds(100), "我选好村了", third));

        // in the order written: the first became the question of the village, the others its follow-ups
        assertThat(filed(resident)).containsExactly("我爸去世了，房子怎么继承？", "还有两个姐姐", "我选好村了");
        assertThat(questionsOf(resident)).singleElement().satisfies(question -> assertThat(question)
                .containsEntry("villageCode", VILLAGE).containsEntry("channel", "OFFICIAL_ACCOUNT"));
        assertThat(element(known, "Content")).isEqualTo(OfficialAccountInbox.FOLLOW_UP);
        assertThat(pendingIds(openId)).isEmpty();
        wechat.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/user/info")).withQueryParam("openid", equalTo(openId)));
    }

    @Test
    void photosAndVoiceAreAnsweredThatTheAccountTakesTextOnly() {
        Resident resident = residentOfTheVillage();
        String image = message(resident.openId(), clock.instant(), "image",
                "<PicUrl><![CDATA[http://mmbiz.qpic.cn/abc]]></PicUrl><MediaId><![CDATA[media_id_1]]></MediaId>"
                        + "<MsgId>" + MSG_IDS.incrementAndGet() + "</MsgId>");
        String voice = message(resident.openId(), clock.instant(), "voice",
                "<MediaId><![CDATA[media_id_2]]></MediaId><Format><![CDATA[amr]]></Format>"
                        + "<MsgId>" + MSG_IDS.incrementAndGet() + "</MsgId>");

        assertThat(element(push(image), "Content")).isEqualTo(OfficialAccountInbox.TEXT_ONLY);
        assertThat(element(push(voice), "Content")).isEqualTo(OfficialAccountInbox.TEXT_ONLY);
        assertThat(filed(resident)).isEmpty();
        assertThat(pendingIds(resident.openId())).isEmpty();
    }

    @Test
    void aNewFollowerIsWelcomedAndOtherEventsAreAnsweredSuccess() {
        String openId = openId();
        stubUserInfo(openId, "u-" + UUID.randomUUID());
        Instant now = clock.instant();

        String welcome = push(message(openId, now, "event", "<Event><![CDATA[subscribe]]></Event>"));
        assertThat(element(welcome, "Content")).isEqualTo(OfficialAccountInbox.WELCOME);
        assertThat(contacts.unionIdOf(openId).block(Duration.ofSeconds(5))).as("the window is open").isNotNull();

        post().bodyValue(message(openId, now.plusSeconds(5), "event", "<Event><![CDATA[unsubscribe]]></Event>"))
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectBody(String.class).isEqualTo("success");
    }

    @Test
    void aForgedOrTamperedMessageIs403AndFilesNothing() {
        Resident resident = residentOfTheVillage();
        String message = text(resident.openId(), clock.instant(), "伪造的消息", MSG_IDS.incrementAndGet());
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        client.post().uri(uri -> uri.path("/wx/mp").queryParam("signature", SHA1.gen("guessed", timestamp, "1"))
                        .queryParam("timestamp", timestamp).queryParam("nonce", "1").build())
                .contentType(MediaType.TEXT_XML).bodyValue(message)
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("WECHAT_SIGNATURE_INVALID");

        Signed signed = signed();
        String ciphertext = wechatsCrypto().encrypt("a1b2c3d4e5f6g7h8", message);
        String tampered = (ciphertext.charAt(0) == 'A' ? "B" : "A") + ciphertext.substring(1);
        post(signed, "aes", SHA1.gen(TOKEN, signed.timestamp(), signed.nonce(), ciphertext))
                .bodyValue(envelope(tampered))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("WECHAT_SIGNATURE_INVALID");

        assertThat(filed(resident)).isEmpty();
    }

    @Test
    void malformedXmlIsA400ProblemNeverA500() {
        for (String body : List.of("<xml><ToUserName>gh_1</ToUser", "{\"MsgType\":\"text\"}", "<xml></xml>",
                "<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><Content>&x;</Content></xml>")) {
            post().bodyValue(body)
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("WECHAT_MESSAGE_INVALID")
                    .jsonPath("$.detail").isEqualTo("无法解析微信推送的消息。");
        }
        post().exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aSlowWechatStillGetsAnAnswerInTimeAndTheWorkGoesOn() {
        Resident resident = signIn("u-" + UUID.randomUUID());
        chooseVillage(resident);
        // WeChat's user/info answers 2 seconds after the callback's time is up.
        stubUserInfo(resident.openId(), okJson(userInfo(resident.openId(), resident.unionId())).withFixedDelay(6_000));
        long msgId = MSG_IDS.incrementAndGet();
        String message = text(resident.openId(), clock.instant(), "欠薪三个月了，能去哪里告？", msgId);

        long started = System.nanoTime();
        String reply = push(message);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isBetween(OfficialAccountInbox.ANSWER_WITHIN, Duration.ofMillis(4_900));
        assertThat(element(reply, "Content")).isEqualTo(OfficialAccountInbox.STILL_WORKING);
        // WeChat sends it again while the first delivery is still being handled.
        assertThat(element(push(message), "Content")).isEqualTo(OfficialAccountInbox.STILL_WORKING);
        await().atMost(Duration.ofSeconds(10)).until(() -> filed(resident), texts -> texts.size() == 1);
        // A later repeat gets the real answer and files nothing again.
        assertThat(element(push(message), "Content")).isEqualTo(OfficialAccountInbox.RECEIVED);
        assertThat(filed(resident)).containsExactly("欠薪三个月了，能去哪里告？");
        wechat.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/user/info"))
                .withQueryParam("openid", equalTo(resident.openId())));
    }

    @Test
    void keptMessagesAreRemovedAfterSevenDays() {
        String openId = openId();
        stubUserInfo(openId, "u-" + UUID.randomUUID());
        long old = MSG_IDS.incrementAndGet();
        long recent = MSG_IDS.incrementAndGet();
        push(text(openId, clock.instant().minus(Duration.ofDays(8)), "八天前的留言", old));
        push(text(openId, clock.instant().minus(Duration.ofDays(6)), "六天前的留言", recent));
        assertThat(mongo.exists(query(where("_id").is(String.valueOf(old))), PendingMessages.COLLECTION)
                .block(Duration.ofSeconds(5))).isTrue();

        assertThat(pendingMessages.removeExpired().block(Duration.ofSeconds(5))).isGreaterThanOrEqualTo(1);

        assertThat(mongo.exists(query(where("_id").is(String.valueOf(old))), PendingMessages.COLLECTION)
                .block(Duration.ofSeconds(5))).isFalse();
        assertThat(pendingIds(openId)).containsExactly(String.valueOf(recent));
    }

    // --- playing WeChat ---

    record Resident(String userId, String openId, String unionId, String token) {
    }

    /** The resident's questions as 我的提问 lists them, each read in full. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> questionsOf(Resident resident) {
        Map<String, Object> page = client.get().uri("/api/v1/questions/mine").headers(h -> h.setBearerAuth(resident.token()))
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("items")).stream()
                .map(item -> client.get().uri("/api/v1/questions/{id}", item.get("id"))
                        .headers(h -> h.setBearerAuth(resident.token())).exchange().expectStatus().isOk()
                        .expectBody(JSON).returnResult().getResponseBody())
                .toList();
    }

    /** Every message the resident's questions hold, oldest question first, in thread order. */
    @SuppressWarnings("unchecked")
    private List<String> filed(Resident resident) {
        List<Map<String, Object>> oldestFirst = new ArrayList<>(questionsOf(resident));
        Collections.reverse(oldestFirst);
        return oldestFirst.stream()
                .flatMap(question -> ((List<Map<String, Object>>) question.get("messages")).stream())
                .map(message -> (String) message.get("text"))
                .toList();
    }

    /** A resident signed in to the mini-program who has chosen the village, and follows the account. */
    private Resident residentOfTheVillage() {
        Resident resident = signIn("u-" + UUID.randomUUID());
        chooseVillage(resident);
        stubUserInfo(resident.openId(), resident.unionId());
        return resident;
    }

    /** Signs in to the mini-program with this unionid; the returned openId is the person's in the Official Account. */
    private Resident signIn(String unionId) {
        String code = "code-" + UUID.randomUUID().toString().substring(0, 8);
        String miniProgramOpenId = "o-" + UUID.randomUUID();
        wechat.stubFor(get(urlPathEqualTo("/sns/jscode2session")).withQueryParam("js_code", equalTo(code))
                .willReturn(okJson("{\"openid\":\"" + miniProgramOpenId + "\",\"unionid\":\"" + unionId
                        + "\",\"session_key\":\"tiihtNczf5v6AKRyjwEUhQ==\"}")));
        @SuppressWarnings("unchecked")
        Map<String, Object> tokens = client.post().uri("/api/v1/auth/wechat").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        User user = mongo.findOne(query(where("openid").is(miniProgramOpenId)), User.class)
                .block(Duration.ofSeconds(5));
        return new Resident(user.id(), openId(), unionId, (String) tokens.get("access_token"));
    }

    private void chooseVillage(Resident resident) {
        client.put().uri("/api/v1/me/village").headers(h -> h.setBearerAuth(resident.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("villageCode", VILLAGE))
                .exchange().expectStatus().isOk();
    }

    /** An Official Account openid: 28 characters like WeChat's. */
    private static String openId() {
        return "oA" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }

    private static String userInfo(String openId, String unionId) {
        return """
                {"subscribe":1,"openid":"%s","language":"zh_CN","subscribe_time":1764000000,"unionid":"%s",
                 "remark":"","groupid":0,"tagid_list":[],"subscribe_scene":"ADD_SCENE_SEARCH"}"""
                .formatted(openId, unionId);
    }

    private static void stubUserInfo(String openId, String unionId) {
        stubUserInfo(openId, okJson(userInfo(openId, unionId)));
    }

    private static void stubUserInfo(String openId, ResponseDefinitionBuilder response) {
        wechat.stubFor(get(urlPathEqualTo("/cgi-bin/user/info")).withQueryParam("openid", equalTo(openId))
                .willReturn(response));
    }

    private static String text(String openId, Instant at, String content, long msgId) {
        return message(openId, at, "text", "<Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId>");
    }

    private static String message(String openId, Instant at, String type, String rest) {
        return "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><FromUserName><![CDATA[" + openId
                + "]]></FromUserName><CreateTime>" + at.getEpochSecond() + "</CreateTime><MsgType><![CDATA[" + type
                + "]]></MsgType>" + rest + "</xml>";
    }

    /** What WeChat's push servers sign a request with. */
    record Signed(String timestamp, String nonce) {

        String signature() {
            return SHA1.gen(TOKEN, timestamp, nonce);
        }
    }

    private Signed signed() {
        return new Signed(String.valueOf(clock.instant().getEpochSecond()),
                String.valueOf(MSG_IDS.incrementAndGet() % 1_000_000_000L));
    }

    private WebTestClient.RequestBodySpec post(Signed signed, String encryptType, String msgSignature) {
        return client.post().uri(uri -> {
            uri.path("/wx/mp").queryParam("signature", signed.signature()).queryParam("timestamp", signed.timestamp())
                    .queryParam("nonce", signed.nonce()).queryParam("openid", "ignored");
            if (encryptType != null) {
                uri.queryParam("encrypt_type", encryptType).queryParam("msg_signature", msgSignature);
            }
            return uri.build();
        }).contentType(MediaType.TEXT_XML);
    }

    private WebTestClient.RequestBodySpec post() {
        return post(signed(), null, null);
    }

    /** Pushes a plain message; the passive reply. */
    private String push(String xml) {
        return replyOf(post().bodyValue(xml));
    }

    /**
     * Pushes a message in safe mode as WeChat does: encrypted under the EncodingAESKey, msg_signature over the
     * ciphertext; the passive reply.
     */
    private String pushEncrypted(String xml) {
        Signed signed = signed();
        String ciphertext = wechatsCrypto().encrypt("a1b2c3d4e5f6g7h8", xml);
        return replyOf(post(signed, "aes", SHA1.gen(TOKEN, signed.timestamp(), signed.nonce(), ciphertext))
                .bodyValue(envelope(ciphertext)));
    }

    private static String envelope(String ciphertext) {
        return "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><Encrypt><![CDATA[" + ciphertext
                + "]]></Encrypt></xml>";
    }

    private static String replyOf(WebTestClient.RequestHeadersSpec<?> request) {
        return request.exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_XML)
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static WxMpCryptUtil wechatsCrypto() {
        WxMpDefaultConfigImpl config = new WxMpDefaultConfigImpl();
        config.setToken(TOKEN);
        config.setAesKey(AES_KEY);
        config.setAppId(OFFICIAL_ACCOUNT_ID);
        return new WxMpCryptUtil(config);
    }

    private List<String> pendingIds(String openId) {
        return mongo.find(query(where("openId").is(openId)), Document.class, PendingMessages.COLLECTION)
                .map(pending -> pending.getString("_id")).collectList().block(Duration.ofSeconds(5));
    }

    private static String element(String xml, String name) {
        Matcher matcher = Pattern.compile("<" + name + ">(?:<!\\[CDATA\\[)?(.*?)(?:]]>)?</" + name + ">", Pattern.DOTALL)
                .matcher(xml);
        assertThat(matcher.find()).as("<%s> in %s", name, xml).isTrue();
        return matcher.group(1);
    }
}
