package cn.villagecounsel.api.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

@IntegrationTest
class InboxTest {

    @Autowired
    WebTestClient client;

    @Autowired
    Notifications notifications;

    @Test
    void theSameEventEnqueuedTwiceIsOneNotification() {
        String key = "test:" + ThreadLocalRandom.current().nextLong() + ":confirmed";
        NewNotification event = new NewNotification("someone", "booking.confirmed", "预约成功", "您已预约。", Map.of(),
                key, "621025100201", null);

        List<String> ids = Flux.range(0, 8).flatMap(i -> notifications.enqueue(event)).map(Notification::id)
                .collectList().block(Duration.ofSeconds(10));

        assertThat(ids).hasSize(8).containsOnly(ids.get(0));
        StepVerifier.create(notifications.enqueue(new NewNotification(" ", "t", "t", "b", null, "k", null, null)))
                .expectError(IllegalArgumentException.class).verify();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theInboxPagesNewestFirstCountsUnreadAndHidesWhatIsNotDueYet() {
        String token = Sessions.accessToken(Sessions.wechat(client, "收件村民" + ThreadLocalRandom.current().nextInt()));
        String me = (String) client.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        for (int i = 0; i < 5; i++) {
            notifications.enqueue(new NewNotification(me, "test.message", "第 " + i + " 条", "内容", Map.of("n", "" + i),
                    "inbox:" + me + ":" + i, null, null)).block(Duration.ofSeconds(5));
        }
        notifications.enqueue(new NewNotification(me, "booking.reminder", "明天的预约", "提醒", null,
                "inbox:" + me + ":later", null, Instant.now().plus(Duration.ofHours(12)))).block(Duration.ofSeconds(5));

        List<String> titles = new ArrayList<>();
        String cursor = null;
        long unread = -1;
        do {
            String after = cursor;
            Map<String, Object> page = client.get()
                    .uri(uri -> uri.path("/api/v1/me/notifications").queryParam("limit", 2)
                            .queryParamIfPresent("cursor", Optional.ofNullable(after)).build())
                    .headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            ((List<Map<String, Object>>) page.get("items")).forEach(item -> titles.add((String) item.get("title")));
            unread = ((Number) page.get("unread")).longValue();
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);

        assertThat(titles).containsExactly("第 4 条", "第 3 条", "第 2 条", "第 1 条", "第 0 条");
        assertThat(unread).isEqualTo(5);
    }

    @Test
    @SuppressWarnings("unchecked")
    void readingIsIdempotentAndOnlyForTheRecipient() {
        String token = Sessions.accessToken(Sessions.wechat(client, "读信村民" + ThreadLocalRandom.current().nextInt()));
        String me = (String) client.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        String id = notifications.enqueue(new NewNotification(me, "test.message", "标题", "内容", null,
                "read:" + me, null, null)).block(Duration.ofSeconds(5)).id();

        Map<String, Object> first = client.post().uri("/api/v1/me/notifications/{id}/read", id)
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(first.get("readAt")).isNotNull();
        client.post().uri("/api/v1/me/notifications/{id}/read", id).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.readAt").isEqualTo(first.get("readAt"));
        client.get().uri("/api/v1/me/notifications").headers(h -> h.setBearerAuth(token)).exchange()
                .expectBody().jsonPath("$.unread").isEqualTo(0);

        String other = Sessions.accessToken(Sessions.wechat(client, "旁人" + ThreadLocalRandom.current().nextInt()));
        client.post().uri("/api/v1/me/notifications/{id}/read", id).headers(h -> h.setBearerAuth(other)).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("NOT_FOUND");
        client.get().uri("/api/v1/me/notifications").headers(h -> h.setBearerAuth(other)).exchange()
                .expectBody().jsonPath("$.items.length()").isEqualTo(0);
        client.get().uri("/api/v1/me/notifications?limit=51").headers(h -> h.setBearerAuth(other)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
        client.get().uri("/api/v1/me/notifications?cursor=abc").headers(h -> h.setBearerAuth(other)).exchange()
                .expectStatus().isBadRequest();
        client.get().uri("/api/v1/me/notifications").exchange().expectStatus().isUnauthorized();
    }
}
