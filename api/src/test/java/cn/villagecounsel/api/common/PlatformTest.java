package cn.villagecounsel.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.IntegrationTest;

@IntegrationTest
class PlatformTest {

    @Autowired
    WebTestClient client;

    @Test
    void healthIsUpWithMongoAndRedis() {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.mongo.status").isEqualTo("UP")
                .jsonPath("$.components.redis.status").isEqualTo("UP");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiDocumentDescribesEveryOperationAndBothSecuritySchemes() {
        Map<String, Object> doc = client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        assertThat(doc.get("openapi").toString()).startsWith("3.");
        Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>) doc.get("paths");
        assertThat(paths).containsKeys("/api/v1/auth/login", "/api/v1/auth/wechat", "/api/v1/auth/logout",
                "/api/v1/me", "/api/v1/regions", "/oauth2/token", "/oauth2/jwks");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            assertThat(operation.get("summary")).as(method + " " + path + " summary").isNotNull();
            assertThat((Map<String, Object>) operation.get("responses")).as(method + " " + path)
                    .containsKeys("400", "500");
        }));
        Map<String, Object> components = (Map<String, Object>) doc.get("components");
        assertThat((Map<String, Object>) components.get("securitySchemes"))
                .containsKeys("bearer-jwt", "partner-client-credentials");
        assertThat((Map<String, Object>) components.get("schemas")).containsKey("Problem");
    }

    @Test
    void swaggerUiIsServed() {
        client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }
}
