package cn.villagecounsel.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;
import reactor.core.publisher.Mono;

@IntegrationTest
@Import(ErrorResponsesTest.FailingEndpoint.class)
class ErrorResponsesTest {

    @Autowired
    WebTestClient client;

    @Test
    void anUnknownPathIsA404Problem() {
        client.get().uri("/api/v1/no-such-thing").headers(h -> h.setBearerAuth(token())).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("NOT_FOUND")
                .jsonPath("$.type").isEqualTo("https://villagecounsel.cn/problems/not-found")
                .jsonPath("$.detail").isEqualTo("请求的地址或资源不存在。");
    }

    @Test
    void aWrongMethodIsA405ProblemWithAllow() {
        client.delete().uri("/api/v1/me").headers(h -> h.setBearerAuth(token())).exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().exists("Allow")
                .expectBody().jsonPath("$.code").isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void aWrongContentTypeIsA415Problem() {
        client.post().uri("/api/v1/auth/login").contentType(MediaType.TEXT_PLAIN).bodyValue("zn-admin")
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.code").isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void anOversizedBodyIsA413Problem() {
        String huge = "x".repeat(2 * 1024 * 1024);
        client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", huge, "password", "p"))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.code").isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void anUnexpectedFailureIsAGeneric500WithTheRequestIdAndNoInternals() {
        String body = client.get().uri("/api/v1/test-failure").header(RequestIds.HEADER, "trace-abc-123")
                .headers(h -> h.setBearerAuth(token())).exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().valueEquals(RequestIds.HEADER, "trace-abc-123")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).contains("\"code\":\"INTERNAL_ERROR\"", "\"traceId\":\"trace-abc-123\"")
                .doesNotContain("secret internal detail", "IllegalStateException", "at cn.");
    }

    @Test
    void aLostUniqueIndexRaceIsA409Problem() {
        client.get().uri("/api/v1/test-conflict").headers(h -> h.setBearerAuth(token())).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("CONFLICT")
                .jsonPath("$.detail").isEqualTo("该记录已存在或刚被他人修改，请刷新后重试。");
    }

    @Test
    void aMalformedRequestIdIsReplacedNotEchoed() {
        client.get().uri("/api/v1/me").header(RequestIds.HEADER, "<script>")
                .exchange()
                .expectHeader().value(RequestIds.HEADER, id -> assertThat(id).matches("[0-9a-f]{32}"));
    }

    private String token() {
        return Sessions.accessToken(Sessions.wechat(client, "错误测试"));
    }

    @TestConfiguration
    @RestController
    static class FailingEndpoint {

        @GetMapping("/api/v1/test-failure")
        Mono<String> fail() {
            return Mono.error(new IllegalStateException("secret internal detail"));
        }

        @GetMapping("/api/v1/test-conflict")
        Mono<String> conflict() {
            return Mono.error(new DuplicateKeyException("E11000 duplicate key error"));
        }
    }
}
