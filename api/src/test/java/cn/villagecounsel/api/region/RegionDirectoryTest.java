package cn.villagecounsel.api.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;

@IntegrationTest
class RegionDirectoryTest {

    @Autowired
    WebTestClient client;

    @Test
    @SuppressWarnings("unchecked")
    void theTreeStartsAtTheProvinceAndReachesTheDemoCountysTownships() {
        String token = Sessions.accessToken(Sessions.wechat(client, "区划测试"));

        client.get().uri("/api/v1/regions").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].code").isEqualTo("620000000000")
                .jsonPath("$[0].name").isEqualTo("甘肃省")
                .jsonPath("$[0].hasChildren").isEqualTo(true);

        client.get().uri("/api/v1/regions?parent=621025000000").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                // Other tests import townships into the shared demo county: check the demo's own ten.
                .jsonPath("$[*].code").value(codes -> assertThat((List<Object>) codes).contains("621025100000",
                        "621025101000", "621025102000", "621025103000", "621025104000", "621025105000",
                        "621025106000", "621025107000", "621025108000", "621025200000"))
                .jsonPath("$[0].name").isEqualTo("山河镇")
                .jsonPath("$[0].level").isEqualTo("TOWNSHIP")
                .jsonPath("$[0].parentCode").isEqualTo("621025000000");

        client.get().uri("/api/v1/regions?parent=621025100000").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.name == '柳林村')].level").isEqualTo("VILLAGE")
                .jsonPath("$[?(@.name == '柳林村')].hasChildren").isEqualTo(false);
    }

    @Test
    void villagesAreFoundByPinyinInitialsToo() {
        String token = Sessions.accessToken(Sessions.wechat(client, "拼音村民"));

        client.get().uri(uri -> uri.path("/api/v1/villages").queryParam("q", "LLC").build())
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].code").isEqualTo("621025100201")
                .jsonPath("$[0].name").isEqualTo("柳林村");
        // A part of the initials matches too: 'xsw' is inside 杏树湾村's 'xswc'.
        client.get().uri(uri -> uri.path("/api/v1/villages").queryParam("q", "xsw").build())
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.code == '621025100202')].name").isEqualTo("杏树湾村");
    }

    @Test
    void badAndUnknownCodesAreClearProblems() {
        String token = Sessions.accessToken(Sessions.wechat(client, "区划测试"));

        client.get().uri("/api/v1/regions?parent=abc").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("区划代码应为 12 位数字。");
        client.get().uri("/api/v1/regions?parent=999999000000").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("NOT_FOUND");
    }

    @Test
    void villagesAreFoundByPartOfTheirNameWithTheirTownshipAndCounty() {
        String token = Sessions.accessToken(Sessions.wechat(client, "查村村民"));

        client.get().uri(uri -> uri.path("/api/v1/villages").queryParam("q", "柳林").build())
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].code").isEqualTo("621025100201")
                .jsonPath("$[0].name").isEqualTo("柳林村")
                .jsonPath("$[0].township").isEqualTo("山河镇")
                .jsonPath("$[0].county").isEqualTo("正宁县");

        client.get().uri(uri -> uri.path("/api/v1/villages").queryParam("q", "村").build())
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(20);
    }

    @Test
    void searchTextIsLiteralAndBounded() {
        String token = Sessions.accessToken(Sessions.wechat(client, "查村村民"));

        client.get().uri(uri -> uri.path("/api/v1/villages").queryParam("q", ".*").build())
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(0);
        client.get().uri("/api/v1/villages").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("请输入 1 到 20 个字的村（社区）名称或拼音首字母。");
    }

    @Test
    void theDirectoryNeedsASignedInPerson() {
        client.get().uri("/api/v1/regions").exchange().expectStatus().isUnauthorized();
    }
}
