package cn.villagecounsel.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;
import reactor.core.publisher.Flux;

@IntegrationTest
class WechatSignInTest {

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @Autowired
    JwtEncoder encoder;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    WechatSessions wechatSessions;

    @Test
    void sandboxSignInGivesATokenThatReadsTheResidentsProfile() {
        Map<String, Object> tokens = Sessions.wechat(client, "张三");
        assertThat(tokens).containsKeys("access_token", "refresh_token").containsEntry("token_type", "Bearer");
        assertThat(tokens).doesNotContainKeys("session_key", "sessionKey");

        client.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(Sessions.accessToken(tokens)))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.displayName").isEqualTo("张三")
                .jsonPath("$.roles").isEqualTo(List.of("RESIDENT"))
                .jsonPath("$.village").doesNotExist()
                .jsonPath("$.sessionKey").doesNotExist();
    }

    @Test
    void signingInAgainFindsTheSameResidentAndKeepsTheSessionKeyServerSide() {
        String first = subjectOf(Sessions.wechat(client, "李四"));
        String second = subjectOf(Sessions.wechat(client, "李四"));
        assertThat(second).isEqualTo(first);
        assertThat(wechatSessions.sessionKeyOf(first).block(Duration.ofSeconds(5))).isNotBlank();
    }

    @Test
    void concurrentFirstSignInsCreateExactlyOneResident() {
        // A non-blocking client, so the 16 sign-ins really are in flight together.
        WebClient concurrent = WebClient.create("http://127.0.0.1:" + port);
        List<Integer> statuses = Flux.range(0, 16)
                .flatMap(i -> concurrent.post().uri("/api/v1/auth/wechat").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("code", "sandbox:并发测试"))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 16)
                .collectList().block(Duration.ofSeconds(30));
        assertThat(statuses).hasSize(16).containsOnly(200);
        Long residents = mongo.count(Query.query(Criteria.where("displayName").is("并发测试")), User.class)
                .block(Duration.ofSeconds(5));
        assertThat(residents).isEqualTo(1);
    }

    @Test
    void rejectsAMalformedSandboxCodeWithAChineseProblem() {
        client.post().uri("/api/v1/auth/wechat").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", "not-a-sandbox-code"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("WECHAT_CODE_INVALID")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("微信"));
    }

    @Test
    void withoutATokenTheProfileIsA401Problem() {
        client.get().uri("/api/v1/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("UNAUTHORIZED")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").isEqualTo("请先登录。")
                .jsonPath("$.traceId").isNotEmpty();
    }

    @Test
    void aTamperedTokenIsRejected() {
        String token = Sessions.accessToken(Sessions.wechat(client, "王五"));
        String[] parts = token.split("\\.");
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"someone-else\",\"roles\":[\"ADMIN\"],\"iss\":\"village-counsel\"}".getBytes());
        String tampered = parts[0] + "." + forgedPayload + "." + parts[2];

        client.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(tampered)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_TOKEN");
    }

    @Test
    void anExpiredTokenIsRejected() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer("village-counsel").subject("expired-user")
                .issuedAt(past).expiresAt(past.plus(Duration.ofMinutes(15)))
                .claim("roles", List.of("RESIDENT")).claim("regions", List.of()).build();
        String expired = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
                claims)).getTokenValue();

        client.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(expired)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_TOKEN");
    }

    private String subjectOf(Map<String, Object> tokens) {
        return client.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(Sessions.accessToken(tokens)))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
    }
}
