package cn.villagecounsel.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.common.ChinaTime;

/**
 * Builds directory fixtures through the admin API, as the admin console would: fresh villages under
 * 山河镇 (so tests never depend on the demo villages' state), advisors and filed agreements.
 */
public final class Directory {

    public static final String COUNTY = "621025000000";
    public static final String SHANHE = "621025100000";
    /** A township of the demo county outside 山河镇's admin. */
    public static final String OTHER_TOWNSHIP = "621025101000";

    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(300, 600));

    private Directory() {
    }

    public static String countyAdmin(WebTestClient client) {
        return Sessions.accessToken(Sessions.staff(client, "zn-admin", "Demo@2026"));
    }

    /** A new village under 山河镇 with a code no other test uses. */
    public static String newVillage(WebTestClient client, String adminToken, String name) {
        String code = "621025100" + NEXT.getAndIncrement();
        client.post().uri("/api/v1/admin/regions").headers(h -> h.setBearerAuth(adminToken))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", code, "name", name))
                .exchange().expectStatus().isCreated();
        return code;
    }

    /** A new advisor registered in the county; answers {@code [advisorId, username, initialPassword]}. */
    @SuppressWarnings("unchecked")
    public static List<String> newAdvisor(WebTestClient client, String adminToken, String name) {
        String username = "adv-" + NEXT.getAndIncrement() + "-" + ThreadLocalRandom.current().nextInt(1000);
        Map<String, Object> created = client.post().uri("/api/v1/admin/advisors").headers(h -> h.setBearerAuth(adminToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name, "lawFirm", "甘肃正宁律师事务所", "licenceNo", "16210201910123456",
                        "phone", "13912345678", "publicPhone", "0934-5551234", "serviceScope", "婚姻家庭、土地承包",
                        "regionCode", COUNTY, "username", username))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        Map<String, Object> advisor = (Map<String, Object>) created.get("advisor");
        return List.of((String) advisor.get("id"), username, (String) created.get("initialPassword"));
    }

    /** A filed agreement for this year, which makes the advisor the village's advisor; answers its id. */
    @SuppressWarnings("unchecked")
    public static String fileAgreement(WebTestClient client, String adminToken, String advisorId, String villageCode) {
        LocalDate today = LocalDate.now(ChinaTime.ZONE);
        Map<String, Object> agreement = client.post().uri("/api/v1/admin/agreements").headers(h -> h.setBearerAuth(adminToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("advisorId", advisorId, "villageCode", villageCode,
                        "startDate", today.minusMonths(1).toString(), "endDate", today.plusYears(1).toString()))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) agreement.get("id");
        client.post().uri("/api/v1/admin/agreements/{id}/filing", id).headers(h -> h.setBearerAuth(adminToken))
                .exchange().expectStatus().isOk();
        return id;
    }
}
