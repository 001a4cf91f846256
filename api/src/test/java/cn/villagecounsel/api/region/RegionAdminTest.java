package cn.villagecounsel.api.region;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.Directory;
import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;

@IntegrationTest
class RegionAdminTest {

    private static final AtomicInteger NEXT_TOWNSHIP = new AtomicInteger(ThreadLocalRandom.current().nextInt(200, 900));

    @Autowired
    WebTestClient client;

    @Test
    void anImportWithOneBadRowStoresNothingAndSaysWhichRows() {
        String admin = Directory.countyAdmin(client);
        String township = freeTownship();
        String csv = "code,name\n" + township + ",新建镇\n" + village(township, 1) + ",甲村\n"
                + "62102599,乙村\n" + village(township, 1) + ",甲村重复\n" + "621026100001,外县村\n"
                + "621025199001,无上级村\n";

        importCsv(admin, csv).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("IMPORT_REJECTED")
                .jsonPath("$.errors[0].field").isEqualTo("第 4 行")
                .jsonPath("$.errors[1].field").isEqualTo("第 5 行")
                .jsonPath("$.errors[2].field").isEqualTo("第 6 行")
                .jsonPath("$.errors.length()").isEqualTo(3);
        client.get().uri("/api/v1/regions?parent={p}", township).headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNotFound();

        importCsv(admin, "code,name\n621025199001,无上级村\n").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].message").isEqualTo("上级区划 621025199000 不存在，请先导入上级。");
    }

    @Test
    void aGoodImportCreatesParentsFirstAndRenamesExistingCodes() {
        String admin = Directory.countyAdmin(client);
        String township = freeTownship();
        // Children before their parent in the file, and a byte-order mark as Excel writes it.
        String csv = "\uFEFFcode,name\n" + village(township, 2) + ",乙村\n" + village(township, 1) + ",甲村\n"
                + township + ",导入镇\n";

        importCsv(admin, csv).expectStatus().isOk()
                .expectBody().jsonPath("$.created").isEqualTo(3).jsonPath("$.renamed").isEqualTo(0);
        client.get().uri("/api/v1/regions?parent={p}", township).headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[0].name").isEqualTo("甲村").jsonPath("$[1].name").isEqualTo("乙村");

        importCsv(admin, "code,name\n" + village(township, 1) + ",甲村\n" + village(township, 2) + ",乙新村\n")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.created").isEqualTo(0).jsonPath("$.renamed").isEqualTo(1).jsonPath("$.unchanged").isEqualTo(1);
        client.get().uri("/api/v1/villages/{code}", village(township, 2)).exchange()
                .expectBody().jsonPath("$.village.name").isEqualTo("乙新村");
    }

    @Test
    void aMalformedFileIsRejectedAsAWhole() {
        String admin = Directory.countyAdmin(client);
        importCsv(admin, "编号,名称\n621025100901,村\n").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].message").isEqualTo("表头应为 code,name。");
        importCsv(admin, "code,name\n").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].message").isEqualTo("文件中没有数据行。");
    }

    @Test
    void singleRegionsAreCreatedAndRenamedOnlyInsideTheAdminsArea() {
        String county = Directory.countyAdmin(client);
        String code = Directory.newVillage(client, county, "单建村");
        client.post().uri("/api/v1/admin/regions").headers(h -> h.setBearerAuth(county))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(java.util.Map.of("code", code, "name", "再建村"))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("REGION_EXISTS");

        String township = Sessions.accessToken(Sessions.staff(client, "shanhe-admin", "Demo@2026"));
        client.put().uri("/api/v1/admin/regions/{code}", code).headers(h -> h.setBearerAuth(township))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(java.util.Map.of("name", "改名村"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("改名村");
        client.put().uri("/api/v1/admin/regions/621025101001").headers(h -> h.setBearerAuth(township))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(java.util.Map.of("name", "越权村"))
                .exchange().expectStatus().isForbidden();
        client.post().uri("/api/v1/admin/regions").headers(h -> h.setBearerAuth(township))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(java.util.Map.of("code", "621025101777", "name", "越权村"))
                .exchange().expectStatus().isForbidden();
    }

    private WebTestClient.ResponseSpec importCsv(String token, String csv) {
        return client.post().uri("/api/v1/admin/regions/import").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv).exchange();
    }

    /** A township code of the demo county that nothing uses (the demo has 100..109). */
    private static String freeTownship() {
        return "621025" + NEXT_TOWNSHIP.getAndIncrement() + "000";
    }

    private static String village(String township, int number) {
        return township.substring(0, 9) + String.format("%03d", number);
    }
}
