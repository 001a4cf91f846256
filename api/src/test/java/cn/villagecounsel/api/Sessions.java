package cn.villagecounsel.api;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Signs in through the public API, as a client would. */
public final class Sessions {

    private Sessions() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> wechat(WebTestClient client, String name) {
        return client.post().uri("/api/v1/auth/wechat").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", "sandbox:" + name))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> staff(WebTestClient client, String username, String password) {
        return client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    public static String accessToken(Map<String, Object> tokens) {
        return (String) tokens.get("access_token");
    }
}
