package cn.villagecounsel.api.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import cn.villagecounsel.api.Directory;
import cn.villagecounsel.api.Sessions;
import cn.villagecounsel.api.ThroughWechatApi;
import cn.villagecounsel.api.notification.Notification.Status;
import reactor.core.publisher.Flux;

/** WeCom group robots against WireMock playing WeCom's webhook: 20 a minute per robot, bursts as digests. */
@ExtendWith(OutputCaptureExtension.class)
class RobotsThroughWecomTest extends ThroughWechatApi {

    private static final String WEBHOOK = "/cgi-bin/webhook/send";
    private static final Pattern DIGEST = Pattern.compile("\\*\\*(\\d+) 条新消息\\*\\*");

    @Autowired
    WebTestClient client;

    @Autowired
    Notifications notifications;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void aBurstBecomesDigestsAtMostOneEveryThreeSecondsAndNoneIsDropped(CapturedOutput output) {
        String key = UUID.randomUUID().toString();
        String robotId = register(Directory.countyAdmin(client), Directory.SHANHE, key);
        wechat.stubFor(post(urlPathEqualTo(WEBHOOK)).withQueryParam("key", equalTo(key))
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        String batch = "robot-burst:" + UUID.randomUUID();

        Flux.range(0, 25).concatMap(i -> notifications.enqueue(NewNotification.toRobot(robotId, "test.robot",
                        "新问题 " + i, "柳林村有一条新的法律咨询", batch + ":" + i, "621025100201")))
                .blockLast(Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mongo.count(query(
                where("dedupeKey").regex("^" + batch).and("status").is(Status.DELIVERED)
                        .and("deliveredChannel").is(Dispatcher.ROBOT)), Notification.class)
                .block(Duration.ofSeconds(5))).isEqualTo(25));
        List<ServeEvent> posts = wechat.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals(WEBHOOK + "?key=" + key))
                .sorted(Comparator.comparing(event -> event.getRequest().getLoggedDate()))
                .toList();
        int carried = 0;
        for (ServeEvent post : posts) {
            Matcher digest = DIGEST.matcher(post.getRequest().getBodyAsString());
            carried += digest.find() ? Integer.parseInt(digest.group(1)) : 1;
        }
        assertThat(carried).as("every message went out, in exactly one post").isEqualTo(25);
        assertThat(posts.size()).as("a burst of 25 takes two digests: 20 at most each").isBetween(2, 3);
        for (int i = 1; i < posts.size(); i++) {
            long gap = posts.get(i).getRequest().getLoggedDate().getTime()
                    - posts.get(i - 1).getRequest().getLoggedDate().getTime();
            assertThat(gap).as("20 a minute per robot").isGreaterThanOrEqualTo(2_900);
        }
        assertThat(output).doesNotContain(key);
    }

    @Test
    void theKeyIsASecretAndRobotsStayInTheirRegion() {
        String county = Directory.countyAdmin(client);
        String township = Sessions.accessToken(Sessions.staff(client, "shanhe-admin", "Demo@2026"));
        String key = UUID.randomUUID().toString();
        String robotId = register(county, Directory.SHANHE, key);

        String listed = client.get().uri("/api/v1/admin/robots?region={r}", Directory.SHANHE)
                .headers(h -> h.setBearerAuth(township)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(listed).contains(robotId).contains("****" + key.substring(key.length() - 4)).doesNotContain(key);
        String stored = mongo.findById(robotId, Document.class, "robots").block(Duration.ofSeconds(5))
                .getString("webhookKey");
        assertThat(stored).doesNotContain(key);

        client.post().uri("/api/v1/admin/robots").headers(h -> h.setBearerAuth(township))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "外乡镇群", "regionCode", Directory.OTHER_TOWNSHIP, "purpose",
                        "TOWNSHIP_ADVISORS", "webhook", webhook(UUID.randomUUID().toString())))
                .exchange().expectStatus().isForbidden();
        client.post().uri("/api/v1/admin/robots").headers(h -> h.setBearerAuth(township))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "山河镇群", "regionCode", Directory.SHANHE, "purpose", "TOWNSHIP_ADVISORS",
                        "webhook", "https://example.com/hook?key=abc"))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("webhook");
        client.delete().uri("/api/v1/admin/robots/{id}", robotId).headers(h -> h.setBearerAuth(township))
                .exchange().expectStatus().isNoContent();
        client.get().uri("/api/v1/admin/robots?region={r}", Directory.SHANHE).headers(h -> h.setBearerAuth(township))
                .exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).doesNotContain(robotId));
    }

    @Test
    void aRemovedRobotsMessagesAreDeadLettersNotLost() {
        String key = UUID.randomUUID().toString();
        wechat.stubFor(post(urlPathEqualTo(WEBHOOK)).withQueryParam("key", equalTo(key))
                .willReturn(okJson("{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}")));
        String robotId = register(Directory.countyAdmin(client), Directory.SHANHE, key);

        Notification sent = notifications.enqueue(NewNotification.toRobot(robotId, "test.robot", "新问题",
                "柳林村有一条新的法律咨询", "robot-gone:" + UUID.randomUUID(), "621025100201"))
                .block(Duration.ofSeconds(5));

        Notification dead = await().atMost(Duration.ofSeconds(20)).until(
                () -> mongo.findById(new ObjectId(sent.id()), Notification.class)
                        .block(Duration.ofSeconds(5)), found -> found.status() != Status.PENDING);
        assertThat(dead.status()).isEqualTo(Status.DEAD);
        assertThat(dead.lastError()).contains("93000");
        wechat.verify(1, postRequestedFor(urlPathEqualTo(WEBHOOK)).withQueryParam("key", equalTo(key)));
    }

    private String register(String adminToken, String region, String key) {
        return (String) client.post().uri("/api/v1/admin/robots").headers(h -> h.setBearerAuth(adminToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "山河镇法律顾问群", "regionCode", region, "purpose", "TOWNSHIP_ADVISORS",
                        "webhook", webhook(key)))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    private static String webhook(String key) {
        return "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + key;
    }
}
