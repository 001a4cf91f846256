package cn.villagecounsel.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;

@IntegrationTest
class RefreshTokenTest {

    @Autowired
    WebTestClient client;

    @Test
    void aRefreshTokenRotatesAndTheNewAccessTokenWorks() {
        Map<String, Object> first = Sessions.wechat(client, "刷新一");
        Map<String, Object> second = refresh((String) first.get("refresh_token"));

        assertThat(second.get("refresh_token")).isNotEqualTo(first.get("refresh_token"));
        client.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(Sessions.accessToken(second)))
                .exchange().expectStatus().isOk();
    }

    @Test
    void reusingARefreshTokenIsRejectedAndRevokesItsWholeFamily() {
        Map<String, Object> first = Sessions.wechat(client, "刷新二");
        String stolen = (String) first.get("refresh_token");
        Map<String, Object> second = refresh(stolen);

        refreshFails(stolen).jsonPath("$.code").isEqualTo("INVALID_GRANT");
        // The legitimate holder's newer token belonged to the same family, so it is gone too.
        refreshFails((String) second.get("refresh_token")).jsonPath("$.code").isEqualTo("INVALID_GRANT");
    }

    @Test
    void logoutRevokesTheFamilyButNotOtherSessions() {
        Map<String, Object> phone = Sessions.staff(client, "advisor-wang", "Demo@2026");
        Map<String, Object> laptop = Sessions.staff(client, "advisor-wang", "Demo@2026");

        client.post().uri("/api/v1/auth/logout").headers(h -> h.setBearerAuth(Sessions.accessToken(phone)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("refresh_token", phone.get("refresh_token")))
                .exchange().expectStatus().isNoContent();

        refreshFails((String) phone.get("refresh_token")).jsonPath("$.code").isEqualTo("INVALID_GRANT");
        refresh((String) laptop.get("refresh_token"));
    }

    @Test
    void anUnknownRefreshTokenIsAnInvalidGrant() {
        refreshFails("made-up-token").jsonPath("$.detail").isEqualTo("登录已失效或已在其他地方退出，请重新登录。");
    }

    @Test
    void anUnsupportedGrantTypeIsRejected() {
        client.post().uri("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "password").with("username", "zn-admin"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("UNSUPPORTED_GRANT_TYPE");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> refresh(String refreshToken) {
        return client.post().uri("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "refresh_token").with("refresh_token", refreshToken))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private WebTestClient.BodyContentSpec refreshFails(String refreshToken) {
        return client.post().uri("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "refresh_token").with("refresh_token", refreshToken))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }
}
