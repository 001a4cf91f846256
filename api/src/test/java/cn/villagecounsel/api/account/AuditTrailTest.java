package cn.villagecounsel.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;
import cn.villagecounsel.api.common.AuditEntry;
import cn.villagecounsel.api.common.RequestIds;
import cn.villagecounsel.api.common.Role;

@IntegrationTest
class AuditTrailTest {

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    UserRepository users;

    @Autowired
    PasswordHashing passwords;

    @Test
    void staffSignInsAreAuditedWithTheRequestId() {
        String username = "audit-" + System.nanoTime();
        User user = users.save(User.staff(username, passwords.hash("Right@2026").block(Duration.ofSeconds(5)), "审计测试",
                Set.of(Role.ADMIN), List.of("621025100000"), Instant.now())).block(Duration.ofSeconds(5));

        login(username, "wrong", "audit-trace-1").expectStatus().isUnauthorized();
        login(username, "Right@2026", "audit-trace-2").expectStatus().isOk();

        List<AuditEntry> entries = entriesFor(username);
        assertThat(entries).extracting(AuditEntry::action).containsOnly("auth.login");
        assertThat(entries).extracting(AuditEntry::outcome, AuditEntry::traceId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("FAILURE", "audit-trace-1"),
                        org.assertj.core.groups.Tuple.tuple("SUCCESS", "audit-trace-2"));
        assertThat(entries.get(1).actor()).isEqualTo(user.id());
        assertThat(entries.get(1).regions()).containsExactly("621025100000");
    }

    @Test
    void aReusedRefreshTokenIsAudited() {
        Map<String, Object> tokens = Sessions.wechat(client, "审计刷新");
        String refresh = (String) tokens.get("refresh_token");
        refresh(refresh).expectStatus().isOk();
        refresh(refresh).expectStatus().isBadRequest();

        String userId = client.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(Sessions.accessToken(tokens)))
                .exchange().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        List<AuditEntry> entries = mongo.find(Query.query(Criteria.where("actor").is(userId)
                .and("action").is("auth.refresh")), AuditEntry.class).collectList().block(Duration.ofSeconds(5));
        assertThat(entries).extracting(AuditEntry::outcome).containsExactly("REUSE_REVOKED_FAMILY");
    }

    private List<AuditEntry> entriesFor(String target) {
        return mongo.find(Query.query(Criteria.where("target").is(target)).with(Sort.by("at")), AuditEntry.class)
                .collectList().block(Duration.ofSeconds(5));
    }

    private WebTestClient.ResponseSpec login(String username, String password, String requestId) {
        return client.post().uri("/api/v1/auth/login").header(RequestIds.HEADER, requestId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password)).exchange();
    }

    private WebTestClient.ResponseSpec refresh(String token) {
        return client.post().uri("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "refresh_token").with("refresh_token", token))
                .exchange();
    }
}
