package cn.villagecounsel.api.account;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;

@IntegrationTest
class ChooseVillageTest {

    @Autowired
    WebTestClient client;

    @Test
    void aResidentChoosesTheirVillageAndSeesItOnTheirProfile() {
        String token = Sessions.accessToken(Sessions.wechat(client, "选村村民"));

        choose(token, "621025100201").expectStatus().isOk()
                .expectBody()
                .jsonPath("$.village.code").isEqualTo("621025100201")
                .jsonPath("$.village.name").isEqualTo("柳林村");
        client.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.village.name").isEqualTo("柳林村");
    }

    @Test
    void anUnknownVillageOrATownshipIsNotFound() {
        String token = Sessions.accessToken(Sessions.wechat(client, "选错村民"));

        choose(token, "621025199999").expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("没有找到该村（社区），请重新选择。");
        choose(token, "621025100000").expectStatus().isNotFound();
    }

    @Test
    void aMalformedCodeIsAFieldError() {
        String token = Sessions.accessToken(Sessions.wechat(client, "格式村民"));

        choose(token, "6210").expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.code").isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors[0].field").isEqualTo("villageCode")
                .jsonPath("$.errors[0].message").isEqualTo("村（社区）代码应为 12 位数字");
    }

    @Test
    void staffCannotChooseAVillageAndStrangersMustSignIn() {
        String admin = Sessions.accessToken(Sessions.staff(client, "shanhe-admin", "Demo@2026"));

        choose(admin, "621025100201").expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN");
        client.put().uri("/api/v1/me/village").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("villageCode", "621025100201")).exchange()
                .expectStatus().isUnauthorized();
    }

    private WebTestClient.ResponseSpec choose(String token, String code) {
        return client.put().uri("/api/v1/me/village").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("villageCode", code)).exchange();
    }
}
