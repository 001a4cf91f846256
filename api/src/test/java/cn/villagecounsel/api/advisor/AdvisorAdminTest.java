package cn.villagecounsel.api.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import cn.villagecounsel.api.Directory;
import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;

@IntegrationTest
class AdvisorAdminTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @Autowired
    WebTestClient client;

    @Test
    void anAdminOpensAnAdvisorWhoThenSignsInAndKeepsTheirOwnProfile() {
        String admin = Directory.countyAdmin(client);
        List<String> advisor = Directory.newAdvisor(client, admin, "赵律师");

        client.get().uri("/api/v1/admin/advisors/{id}", advisor.get(0)).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("赵律师")
                .jsonPath("$.phone").isEqualTo("139****5678")
                .jsonPath("$.publicPhone").isEqualTo("0934-5551234")
                .jsonPath("$.username").isEqualTo(advisor.get(1));

        String own = Sessions.accessToken(Sessions.staff(client, advisor.get(1), advisor.get(2)));
        client.put().uri("/api/v1/advisor/profile").headers(h -> h.setBearerAuth(own))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("publicPhone", "13800001111", "serviceScope", "劳动争议"))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.publicPhone").isEqualTo("13800001111")
                .jsonPath("$.serviceScope").isEqualTo("劳动争议")
                .jsonPath("$.phone").isEqualTo("139****5678");
        // An advisor is not an admin: the admin endpoints stay closed to them.
        client.get().uri("/api/v1/admin/advisors/{id}", advisor.get(0)).headers(h -> h.setBearerAuth(own))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void theListFindsAdvisorsByNameWithTheVillagesTheyServe() {
        String admin = Directory.countyAdmin(client);
        String village = Directory.newVillage(client, admin, "名录村");
        String name = "名录律师" + System.nanoTime() % 10_000;
        String id = Directory.newAdvisor(client, admin, name).get(0);
        Directory.fileAgreement(client, admin, id, village);

        client.get().uri(uri -> uri.path("/api/v1/admin/advisors").queryParam("q", name).build())
                .headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].id").isEqualTo(id)
                .jsonPath("$[0].phone").isEqualTo("139****5678")
                .jsonPath("$[0].villages[0].code").isEqualTo(village)
                .jsonPath("$[0].villages[0].name").isEqualTo("名录村");
        // The demo county's advisors are listed too, each with the villages of their filed agreements.
        client.get().uri(uri -> uri.path("/api/v1/admin/advisors").queryParam("q", "李文博").build())
                .headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[0].villages.length()").isEqualTo(4);
    }

    @Test
    void badInputIsAFieldErrorAndAUsernameIsTakenOnce() {
        String admin = Directory.countyAdmin(client);
        client.post().uri("/api/v1/admin/advisors").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "钱律师", "lawFirm", "所", "licenceNo", "12", "phone", "12345",
                        "regionCode", Directory.COUNTY, "username", "Bad Name"))
                .exchange().expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.code").isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors[?(@.field == 'phone')].message").isEqualTo("手机号应为 11 位数字")
                .jsonPath("$.errors[?(@.field == 'licenceNo')]").exists()
                .jsonPath("$.errors[?(@.field == 'username')]").exists();

        List<String> first = Directory.newAdvisor(client, admin, "孙律师");
        client.post().uri("/api/v1/admin/advisors").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "孙律师", "lawFirm", "所", "licenceNo", "16210201910123456",
                        "phone", "13912345678", "regionCode", Directory.COUNTY, "username", first.get(1)))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("USERNAME_TAKEN");
    }

    @Test
    void aTownshipAdminCannotReachTheCountysAdvisors() {
        String county = Directory.countyAdmin(client);
        List<String> advisor = Directory.newAdvisor(client, county, "周律师");
        String township = Sessions.accessToken(Sessions.staff(client, "shanhe-admin", "Demo@2026"));

        client.get().uri("/api/v1/admin/advisors/{id}", advisor.get(0)).headers(h -> h.setBearerAuth(township))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN");
        client.get().uri("/api/v1/admin/advisors?region={r}", Directory.COUNTY).headers(h -> h.setBearerAuth(township))
                .exchange().expectStatus().isForbidden();
        client.post().uri("/api/v1/admin/advisors").headers(h -> h.setBearerAuth(township))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "吴律师", "lawFirm", "所", "licenceNo", "16210201910123456",
                        "phone", "13912345678", "regionCode", Directory.COUNTY, "username", "wu-township"))
                .exchange().expectStatus().isForbidden();
        String resident = Sessions.accessToken(Sessions.wechat(client, "好奇的村民"));
        client.get().uri("/api/v1/admin/advisors").headers(h -> h.setBearerAuth(resident))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void aPhotoIsCheckedByItsContentAndServedPublicly() {
        String admin = Directory.countyAdmin(client);
        String id = Directory.newAdvisor(client, admin, "郑律师").get(0);

        upload(admin, id, "photo.png", "not an image at all".getBytes())
                .expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.code").isEqualTo("FILE_TYPE_NOT_ALLOWED");
        byte[] tooBig = Arrays.copyOf(PNG, AdvisorService.MAX_PHOTO_BYTES + 1);
        upload(admin, id, "big.png", tooBig)
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.code").isEqualTo("FILE_TOO_LARGE");
        client.get().uri("/api/v1/advisors/{id}/photo", id).exchange().expectStatus().isNotFound();

        String photoUrl = upload(admin, id, "renamed.txt", PNG).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("photoUrl").toString();
        byte[] served = client.get().uri(photoUrl).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.IMAGE_PNG)
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(served).isEqualTo(PNG);
    }

    private WebTestClient.ResponseSpec upload(String token, String advisorId, String filename, byte[] content) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return filename;
            }
        }).contentType(MediaType.IMAGE_PNG);
        return client.put().uri("/api/v1/admin/advisors/{id}/photo", advisorId).headers(h -> h.setBearerAuth(token))
                .body(BodyInserters.fromMultipartData(body.build())).exchange();
    }
}
