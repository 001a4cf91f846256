package cn.villagecounsel.api.village;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.Directory;
import cn.villagecounsel.api.IntegrationTest;

@IntegrationTest
class VillageBoardTest {

    @Autowired
    WebTestClient client;

    @Test
    void anyoneCanReadTheBoardWithoutSigningIn() {
        client.get().uri("/api/v1/villages/621025100201").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.village.name").isEqualTo("柳林村")
                .jsonPath("$.township.name").isEqualTo("山河镇")
                .jsonPath("$.county.name").isEqualTo("正宁县")
                .jsonPath("$.advisors").isArray()
                .jsonPath("$.team").isArray();
    }

    @Test
    void unknownPlacesAndMalformedCodesAreProblems() {
        client.get().uri("/api/v1/villages/621025100998").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("没有找到该村（社区）。");
        client.get().uri("/api/v1/villages/621025100000").exchange().expectStatus().isNotFound();
        client.get().uri("/api/v1/villages/abc").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCachedBoardIsServedUntilSomethingOnItChanges() {
        String admin = Directory.countyAdmin(client);
        String village = Directory.newVillage(client, admin, "缓存村");

        Map<String, Object> first = board(village);
        Map<String, Object> again = board(village);
        assertThat(again.get("generatedAt")).as("served from the cache").isEqualTo(first.get("generatedAt"));

        client.put().uri("/api/v1/admin/regions/{code}", village).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "新缓存村"))
                .exchange().expectStatus().isOk();
        Map<String, Object> changed = board(village);
        assertThat(((Map<String, Object>) changed.get("village")).get("name")).isEqualTo("新缓存村");
        assertThat(changed.get("generatedAt")).isNotEqualTo(first.get("generatedAt"));

        // A change of the township (its desk duty, say) reaches the village's board too.
        client.put().uri("/api/v1/admin/regions/{code}", Directory.SHANHE).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "山河镇"))
                .exchange().expectStatus().isOk();
        assertThat(board(village).get("generatedAt")).isNotEqualTo(changed.get("generatedAt"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> board(String village) {
        return client.get().uri("/api/v1/villages/{code}", village).exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }
}
