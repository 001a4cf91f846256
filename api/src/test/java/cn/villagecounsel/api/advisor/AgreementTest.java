package cn.villagecounsel.api.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
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
class AgreementTest {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Autowired
    WebTestClient client;

    @Test
    void onlyAFiledAgreementPutsTheAdvisorOnTheBoardAndTerminationTakesThemOff() {
        String admin = Directory.countyAdmin(client);
        String village = Directory.newVillage(client, admin, "协议村");
        String advisorId = Directory.newAdvisor(client, admin, "冯律师").get(0);

        String id = create(admin, advisorId, village, TODAY.minusDays(10), TODAY.plusMonths(11))
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        board(village).jsonPath("$.advisors.length()").isEqualTo(0);

        client.post().uri("/api/v1/admin/agreements/{id}/filing", id).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.filed").isEqualTo(true).jsonPath("$.active").isEqualTo(true);
        board(village)
                .jsonPath("$.advisors[0].name").isEqualTo("冯律师")
                .jsonPath("$.advisors[0].publicPhone").isEqualTo("0934-5551234")
                .jsonPath("$.advisors[0].agreementEnd").isEqualTo(TODAY.plusMonths(11).toString());
        client.get().uri("/api/v1/admin/advisors/{id}", advisorId).headers(h -> h.setBearerAuth(admin))
                .exchange().expectBody().jsonPath("$.villages[0].code").isEqualTo(village);

        client.post().uri("/api/v1/admin/agreements/{id}/termination", id).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.active").isEqualTo(false);
        board(village).jsonPath("$.advisors.length()").isEqualTo(0);
        client.post().uri("/api/v1/admin/agreements/{id}/filing", id).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("AGREEMENT_TERMINATED");
    }

    @Test
    void periodsMayNotOverlapOrRunBackwards() {
        String admin = Directory.countyAdmin(client);
        String village = Directory.newVillage(client, admin, "重叠村");
        String advisorId = Directory.newAdvisor(client, admin, "陈律师").get(0);
        create(admin, advisorId, village, TODAY, TODAY.plusMonths(6)).expectStatus().isCreated();

        create(admin, advisorId, village, TODAY.plusMonths(3), TODAY.plusMonths(9))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("AGREEMENT_OVERLAP");
        create(admin, advisorId, village, TODAY.plusMonths(9), TODAY.plusMonths(8))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("endDate");
        create(admin, advisorId, "621025100999", TODAY.plusMonths(7), TODAY.plusMonths(8))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("villageCode");
        create(admin, advisorId, village, TODAY.plusMonths(7), TODAY.plusMonths(12)).expectStatus().isCreated();
    }

    @Test
    void aTownshipAdminActsOnlyOnItsOwnVillages() {
        String township = Sessions.accessToken(Sessions.staff(client, "shanhe-admin", "Demo@2026"));
        String county = Directory.countyAdmin(client);
        String advisorId = Directory.newAdvisor(client, county, "褚律师").get(0);

        create(township, advisorId, "621025101001", TODAY, TODAY.plusMonths(6)).expectStatus().isForbidden();
        client.get().uri("/api/v1/admin/agreements?village=621025101001").headers(h -> h.setBearerAuth(township))
                .exchange().expectStatus().isForbidden();
        String village = Directory.newVillage(client, county, "镇管村");
        create(township, advisorId, village, TODAY, TODAY.plusMonths(6)).expectStatus().isCreated();
    }

    @Test
    void theSignedAgreementIsKeptAsAFile() {
        String admin = Directory.countyAdmin(client);
        String village = Directory.newVillage(client, admin, "文件村");
        String advisorId = Directory.newAdvisor(client, admin, "卫律师").get(0);
        String id = create(admin, advisorId, village, TODAY, TODAY.plusYears(1)).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        byte[] pdf = "%PDF-1.4\n% 服务协议\n%%EOF\n".getBytes();

        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(pdf) {
            @Override
            public String getFilename() {
                return "协议.pdf";
            }
        });
        client.put().uri("/api/v1/admin/agreements/{id}/file", id).headers(h -> h.setBearerAuth(admin))
                .body(BodyInserters.fromMultipartData(body.build())).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.hasFile").isEqualTo(true).jsonPath("$.fileName").isEqualTo("协议.pdf");
        byte[] stored = client.get().uri("/api/v1/admin/agreements/{id}/file", id).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(stored).isEqualTo(pdf);
    }

    private WebTestClient.ResponseSpec create(String token, String advisorId, String village, LocalDate start,
            LocalDate end) {
        return client.post().uri("/api/v1/admin/agreements").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("advisorId", advisorId, "villageCode", village, "startDate", start.toString(),
                        "endDate", end.toString()))
                .exchange();
    }

    private WebTestClient.BodyContentSpec board(String village) {
        return client.get().uri("/api/v1/villages/{code}", village).exchange().expectStatus().isOk().expectBody();
    }
}
