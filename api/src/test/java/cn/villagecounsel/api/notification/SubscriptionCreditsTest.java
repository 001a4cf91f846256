package cn.villagecounsel.api.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;
import reactor.core.publisher.Flux;

@IntegrationTest
class SubscriptionCreditsTest {

    private static final String TEMPLATE = "bDmywsp2oEHjwAadTGKkUHpC0RgBVPvfAHLxHpmhUZs";

    @Autowired
    WebTestClient client;

    @Autowired
    SubscriptionCredits credits;

    @Test
    @SuppressWarnings("unchecked")
    void eachAcceptIsOneSendAndConcurrentSendsNeverSpendACreditTwice() {
        String token = Sessions.accessToken(Sessions.wechat(client, "订阅村民" + ThreadLocalRandom.current().nextInt()));
        String me = (String) client.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");

        answer(token, "accept").expectStatus().isOk().expectBody().jsonPath("$.credits").isEqualTo(1);
        answer(token, "reject").expectStatus().isOk().expectBody().jsonPath("$.credits").isEqualTo(1);
        answer(token, "accept").expectStatus().isOk().expectBody().jsonPath("$.credits").isEqualTo(2);

        List<Boolean> spent = Flux.range(0, 6).flatMap(i -> credits.spend(me, TEMPLATE)).collectList()
                .block(Duration.ofSeconds(10));
        assertThat(spent).containsOnly(true, false).filteredOn(Boolean::booleanValue).hasSize(2);
        client.get().uri("/api/v1/me/subscriptions").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[0].templateId").isEqualTo(TEMPLATE).jsonPath("$[0].credits").isEqualTo(0);

        answer(token, "accept");
        credits.exhausted(me, TEMPLATE).block(Duration.ofSeconds(5));
        assertThat(credits.spend(me, TEMPLATE).block(Duration.ofSeconds(5))).as("43101 leaves no credit").isFalse();
    }

    @Test
    void badAnswersAreFieldErrors() {
        String token = Sessions.accessToken(Sessions.wechat(client, "乱填村民"));
        client.post().uri("/api/v1/me/subscriptions").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("templateId", "坏 模板", "result", "maybe"))
                .exchange().expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'templateId')]").exists()
                .jsonPath("$.errors[?(@.field == 'result')].message").isEqualTo("授权结果只能是 accept、reject、ban 或 filter");
    }

    private WebTestClient.ResponseSpec answer(String token, String result) {
        return client.post().uri("/api/v1/me/subscriptions").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("templateId", TEMPLATE, "result", result))
                .exchange();
    }
}
