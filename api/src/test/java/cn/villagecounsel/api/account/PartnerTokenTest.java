package cn.villagecounsel.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import cn.villagecounsel.api.IntegrationTest;

@IntegrationTest
class PartnerTokenTest {

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveJwtDecoder decoder;

    @Test
    @SuppressWarnings("unchecked")
    void aPartnerGetsAnAccessTokenWithClientCredentialsAndNoRefreshToken() {
        Map<String, Object> tokens = clientCredentials("demo-12348", "Demo@2026-partner")
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(tokens).containsKey("access_token").doesNotContainKey("refresh_token");
        Jwt jwt = decoder.decode((String) tokens.get("access_token")).block();
        assertThat(jwt.getSubject()).isEqualTo("demo-12348");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("PARTNER");
        assertThat(jwt.getClaimAsStringList("regions")).containsExactly("621025000000");
    }

    @Test
    void aWrongSecretIsAnInvalidClient() {
        clientCredentials("demo-12348", "wrong").expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_CLIENT");
        clientCredentials("no-such-client", "wrong").expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_CLIENT");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPartnerTokenCannotReadResidentEndpoints() {
        String token = (String) clientCredentials("demo-12348", "Demo@2026-partner")
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("access_token");

        client.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN");
    }

    @Test
    void theJwksPublishesOnlyThePublicSigningKey() {
        client.get().uri("/oauth2/jwks").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.keys.length()").isEqualTo(1)
                .jsonPath("$.keys[0].kty").isEqualTo("RSA")
                .jsonPath("$.keys[0].alg").isEqualTo("RS256")
                .jsonPath("$.keys[0].kid").isNotEmpty()
                .jsonPath("$.keys[0].d").doesNotExist()
                .jsonPath("$.keys[0].p").doesNotExist();
    }

    @Test
    void aFormOnlyEndpointRejectsJsonWith415() {
        client.post().uri("/oauth2/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("grant_type", "client_credentials"))
                .exchange().expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.code").isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    private WebTestClient.ResponseSpec clientCredentials(String id, String secret) {
        return client.post().uri("/oauth2/token").headers(h -> h.setBasicAuth(id, secret))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials"))
                .exchange();
    }

}
