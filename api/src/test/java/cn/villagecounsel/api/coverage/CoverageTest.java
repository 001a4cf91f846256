package cn.villagecounsel.api.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.Directory;
import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;

@IntegrationTest
class CoverageTest {

    @Autowired
    WebTestClient client;

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardNamesWhatEachVillageLacks() {
        String admin = Directory.countyAdmin(client);
        String bare = Directory.newVillage(client, admin, "空白村");
        String covered = Directory.newVillage(client, admin, "达标村");
        String advisorId = Directory.newAdvisor(client, admin, "覆盖律师").get(0);
        Directory.fileAgreement(client, admin, advisorId, covered);
        for (int i = 0; i < 6; i++) {
            client.post().uri("/api/v1/admin/navigators").headers(h -> h.setBearerAuth(admin))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("villageCode", covered, "name", "明白人" + i, "role", "OTHER"))
                    .exchange().expectStatus().isCreated();
        }

        Map<String, Object> report = client.get().uri("/api/v1/admin/coverage").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        List<Map<String, Object>> villages = (List<Map<String, Object>>) report.get("villages");
        assertThat(village(villages, bare).get("problems"))
                .isEqualTo(List.of("NO_ADVISOR", "FEW_NAVIGATORS", "NO_SESSION_THIS_MONTH"));
        assertThat(village(villages, covered))
                .containsEntry("advisors", List.of("覆盖律师"))
                .containsEntry("filedAgreement", true)
                .containsEntry("navigators", 6);
        assertThat((List<String>) village(villages, covered).get("problems")).containsExactly("NO_SESSION_THIS_MONTH");
        // The demo county's gaps: two agreements not filed, three small teams.
        assertThat((List<String>) village(villages, "621025105203").get("problems")).contains("NOT_FILED");
        assertThat((List<String>) village(villages, "621025107203").get("problems")).contains("FEW_NAVIGATORS");
        assertThat((List<String>) village(villages, "621025100201").get("problems"))
                .doesNotContain("NO_ADVISOR", "NOT_FILED", "FEW_NAVIGATORS");

        Map<String, Object> totals = (Map<String, Object>) report.get("totals");
        assertThat((Integer) totals.get("villages")).isEqualTo(villages.size()).isGreaterThanOrEqualTo(33);
        long withoutAdvisor = villages.stream().filter(v -> ((List<?>) v.get("problems")).contains("NO_ADVISOR")).count();
        assertThat(((Integer) totals.get("withoutAdvisor")).longValue()).isEqualTo(withoutAdvisor);
        List<Map<String, Object>> townships = (List<Map<String, Object>>) report.get("townships");
        assertThat(townships.stream().mapToInt(t -> (Integer) ((Map<String, Object>) t.get("totals")).get("villages")).sum())
                .isEqualTo(villages.size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTownshipAdminSeesOnlyTheirTownship() {
        String township = Sessions.accessToken(Sessions.staff(client, "shanhe-admin", "Demo@2026"));
        Map<String, Object> report = client.get().uri("/api/v1/admin/coverage").headers(h -> h.setBearerAuth(township))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Map<String, Object>>) report.get("villages")).isNotEmpty()
                .allSatisfy(village -> assertThat((String) village.get("code")).startsWith("621025100"));
        client.get().uri("/api/v1/admin/coverage?region={r}", Directory.COUNTY).headers(h -> h.setBearerAuth(township))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void theExportOpensInExcel() {
        String admin = Directory.countyAdmin(client);
        byte[] csv = client.get().uri("/api/v1/admin/coverage.csv").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectHeader().valueMatches("Content-Disposition", "attachment;.*filename\\*=UTF-8''.*\\.csv")
                .expectBody(byte[].class).returnResult().getResponseBody();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF乡镇,村（社区）,区划代码,法律顾问,已备案协议,法律明白人数,本月驻点次数,问题");
        // Other tests may add advisors to demo villages: check the demo's own facts only.
        assertThat(text.lines().filter(line -> line.contains("621025100201")).findFirst().orElseThrow())
                .startsWith("山河镇,柳林村,621025100201,").contains("李文博").contains(",是,7,");
    }

    private static Map<String, Object> village(List<Map<String, Object>> villages, String code) {
        return villages.stream().filter(v -> code.equals(v.get("code"))).findFirst().orElseThrow();
    }
}
