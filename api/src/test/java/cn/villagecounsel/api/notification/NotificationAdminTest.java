package cn.villagecounsel.api.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.Directory;
import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;
import cn.villagecounsel.api.notification.Notification.Status;

@IntegrationTest
class NotificationAdminTest {

    @Autowired
    WebTestClient client;

    @Autowired
    Notifications notifications;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    @SuppressWarnings("unchecked")
    void staffSeeTheirRegionsDeliveriesWithPersonalDataMasked() {
        String template = "test." + UUID.randomUUID().toString().substring(0, 8);
        enqueue(template, "621025100201", Map.of("phone", "联系电话 13912345678", "idNumber", "62102519800101123X"));
        enqueue(template, "621025101001", Map.of());
        String township = Sessions.accessToken(Sessions.staff(client, "shanhe-admin", "Demo@2026"));

        Map<String, Object> page = client.get().uri("/api/v1/admin/notifications?template={t}", template)
                .headers(h -> h.setBearerAuth(township)).exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.get("regionCode")).isEqualTo("621025100201");
            assertThat((Map<String, String>) item.get("data")).containsEntry("phone", "联系电话 139****5678")
                    .containsEntry("idNumber", "621025********123X");
        });
        client.get().uri("/api/v1/admin/notifications?region={r}", Directory.COUNTY)
                .headers(h -> h.setBearerAuth(township)).exchange().expectStatus().isForbidden();
        String resident = Sessions.accessToken(Sessions.wechat(client, "看投递的村民"));
        client.get().uri("/api/v1/admin/notifications").headers(h -> h.setBearerAuth(resident)).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void aDeadLetterIsRetriedOnceAndOnlyInsideTheRegion() {
        String template = "test." + UUID.randomUUID().toString().substring(0, 8);
        Notification dead = enqueue(template, "621025100202", Map.of());
        mongo.updateFirst(query(where("dedupeKey").is(dead.dedupeKey())),
                new Update().set("status", Status.DEAD).set("lastError", "40003 invalid openid"), Notification.class)
                .block(Duration.ofSeconds(5));
        String county = Directory.countyAdmin(client);
        String otherTownship = Sessions.accessToken(Sessions.staff(client, "shanhe-admin", "Demo@2026"));
        Notification elsewhere = enqueue(template, "621025101002", Map.of());

        client.post().uri("/api/v1/admin/notifications/{id}/retry", elsewhere.id())
                .headers(h -> h.setBearerAuth(otherTownship)).exchange().expectStatus().isForbidden();
        client.post().uri("/api/v1/admin/notifications/{id}/retry", dead.id()).headers(h -> h.setBearerAuth(county))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("PENDING").jsonPath("$.lastError").doesNotExist();
        client.post().uri("/api/v1/admin/notifications/{id}/retry", dead.id()).headers(h -> h.setBearerAuth(county))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("NOT_DEAD_LETTER");

        dispatcher.dispatchDue(500).block(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mongo.findOne(
                query(where("dedupeKey").is(dead.dedupeKey())), Notification.class).block().status())
                .isEqualTo(Status.DELIVERED));
        client.get().uri("/api/v1/admin/notifications/health").headers(h -> h.setBearerAuth(county)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.channel == 'SANDBOX')].sent").value(sent ->
                        assertThat(((List<Number>) sent).get(0).longValue()).isPositive());
    }

    private Notification enqueue(String template, String region, Map<String, String> data) {
        return notifications.enqueue(new NewNotification("admin-view-user", template, "测试", "内容", data,
                template + ":" + UUID.randomUUID(), region, null)).block(Duration.ofSeconds(5));
    }
}
