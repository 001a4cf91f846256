package cn.villagecounsel.api.village;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import cn.villagecounsel.api.Directory;
import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;

@IntegrationTest
class PartnerDirectoryTest {

    @Autowired
    WebTestClient client;

    @Test
    @SuppressWarnings("unchecked")
    void aPartnerPagesThroughEveryVillageOfItsCounty() {
        String token = partnerToken();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            String after = cursor;
            Map<String, Object> page = client.get()
                    .uri(uri -> uri.path("/open/v1/villages").queryParam("region", Directory.COUNTY)
                            .queryParam("limit", 7).queryParamIfPresent("cursor", java.util.Optional.ofNullable(after))
                            .build())
                    .headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            assertThat(items).hasSizeLessThanOrEqualTo(7);
            items.forEach(item -> {
                assertThat(item).doesNotContainKey("team");
                seen.add((String) ((Map<String, Object>) item.get("village")).get("code"));
            });
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);

        assertThat(seen).doesNotHaveDuplicates().isSorted().hasSizeGreaterThanOrEqualTo(31)
                .allMatch(code -> code.startsWith("621025"));
        assertThat(seen).contains("621025100201");
    }

    @Test
    void theDirectoryIsForPartnersInsideTheirRegionOnly() {
        String token = partnerToken();
        client.get().uri("/open/v1/villages/621025100201").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.village.name").isEqualTo("柳林村").jsonPath("$.team").doesNotExist();
        client.get().uri("/open/v1/villages?region=621026000000").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isForbidden();
        client.get().uri("/open/v1/villages?region=621025000000&limit=0").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isBadRequest();
        String admin = Directory.countyAdmin(client);
        client.get().uri("/open/v1/villages/621025100201").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isForbidden();
        client.get().uri("/open/v1/villages/621025100201").exchange().expectStatus().isUnauthorized();
        String resident = Sessions.accessToken(Sessions.wechat(client, "开放接口村民"));
        client.get().uri("/open/v1/villages/621025100201").headers(h -> h.setBearerAuth(resident)).exchange()
                .expectStatus().isForbidden();
    }

    @SuppressWarnings("unchecked")
    private String partnerToken() {
        Map<String, Object> tokens = client.post().uri("/oauth2/token")
                .headers(h -> h.setBasicAuth("demo-12348", "Demo@2026-partner"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials"))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(tokens.get("scope")).isEqualTo("directory.read");
        return (String) tokens.get("access_token");
    }
}
