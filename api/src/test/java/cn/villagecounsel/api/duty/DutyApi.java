package cn.villagecounsel.api.duty;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.Sessions;
import cn.villagecounsel.api.common.RandomIds;

/** Drives the duty endpoints (and the advisor/agreement endpoints they need) as a client would. */
final class DutyApi {

    static final String PASSWORD = "Demo@2026";
    static final String LIULIN = "621025100201";       // 柳林村, 山河镇
    static final String XINGSHUWAN = "621025100202";   // 杏树湾村, 山河镇
    static final String NANBAO = "621025100203";       // 南堡村, 山河镇
    static final String SHANHE = "621025100000";       // 山河镇
    static final String ZHENGNING = "621025000000";    // 正宁县
    static final String HUAISHUZHUANG = "621025101201"; // 槐树庄村, 榆林子镇

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {
            };

    final WebTestClient client;
    final String admin;

    DutyApi(WebTestClient client) {
        this.client = client;
        this.admin = Sessions.accessToken(Sessions.staff(client, "zn-admin", PASSWORD));
    }

    String staffToken(String username, String password) {
        return Sessions.accessToken(Sessions.staff(client, username, password));
    }

    /** A new advisor registered in 正宁县: {id, username, password}. */
    Map<String, String> newAdvisor(String name) {
        String username = "duty-" + RandomIds.id().substring(0, 10);
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("lawFirm", "甘肃正宁律师事务所");
        body.put("licenceNo", "1621" + RandomIds.id().substring(0, 10).replaceAll("[a-f]", "7"));
        body.put("phone", "13912345678");
        body.put("regionCode", ZHENGNING);
        body.put("username", username);
        Map<String, Object> created = client.post().uri("/api/v1/admin/advisors").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectBody(MAP).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> advisor = (Map<String, Object>) created.get("advisor");
        return Map.of("id", (String) advisor.get("id"), "username", username,
                "password", (String) created.get("initialPassword"));
    }

    /** A filed agreement that makes the advisor the village's advisor today. */
    void serve(String advisorId, String villageCode, LocalDate today) {
        Map<String, Object> agreement = client.post().uri("/api/v1/admin/agreements").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("advisorId", advisorId, "villageCode", villageCode,
                        "startDate", today.minusDays(30).toString(), "endDate", today.plusYears(1).toString()))
                .exchange().expectStatus().isCreated()
                .expectBody(MAP).returnResult().getResponseBody();
        client.post().uri("/api/v1/admin/agreements/{id}/filing", agreement.get("id")).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk();
    }

    static Map<String, Object> weekly(String advisorId, String villageCode, List<Integer> days, String start, String end,
            LocalDate from, LocalDate until) {
        Map<String, Object> recurrence = new HashMap<>();
        recurrence.put("frequency", "WEEKLY");
        recurrence.put("daysOfWeek", days);
        return rule(advisorId, "ON_SITE", villageCode, null, recurrence, start, end, from, until);
    }

    static Map<String, Object> monthly(String advisorId, String villageCode, int weekOfMonth, int dayOfWeek,
            String start, String end, LocalDate from, LocalDate until) {
        Map<String, Object> recurrence = new HashMap<>();
        recurrence.put("frequency", "MONTHLY");
        recurrence.put("weekOfMonth", weekOfMonth);
        recurrence.put("dayOfWeek", dayOfWeek);
        return rule(advisorId, "ON_SITE", villageCode, null, recurrence, start, end, from, until);
    }

    static Map<String, Object> once(String advisorId, String villageCode, LocalDate date, String start, String end) {
        Map<String, Object> recurrence = new HashMap<>();
        recurrence.put("frequency", "ONCE");
        recurrence.put("date", date.toString());
        return rule(advisorId, "ON_SITE", villageCode, null, recurrence, start, end, null, null);
    }

    static Map<String, Object> rule(String advisorId, String kind, String villageCode, String stationCode,
            Map<String, Object> recurrence, String start, String end, LocalDate from, LocalDate until) {
        Map<String, Object> body = new HashMap<>();
        body.put("advisorId", advisorId);
        body.put("kind", kind);
        body.put("villageCode", villageCode);
        body.put("stationCode", stationCode);
        body.put("place", kind.equals("ON_SITE") ? "村委会法律服务室" : "司法所公共法律服务工作站");
        body.put("mode", "IN_PERSON");
        body.put("recurrence", recurrence);
        body.put("startTime", start);
        body.put("endTime", end);
        body.put("validFrom", from == null ? null : from.toString());
        body.put("validUntil", until == null ? null : until.toString());
        return body;
    }

    WebTestClient.ResponseSpec create(String token, String base, Map<String, Object> body) {
        return client.post().uri(base).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec update(String token, String base, String id, Map<String, Object> body) {
        return client.put().uri(base + "/{id}", id).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec delete(String token, String base, String id) {
        return client.delete().uri(base + "/{id}", id).headers(h -> h.setBearerAuth(token)).exchange();
    }

    /** Creates a rule as the county admin and returns the change response. */
    Map<String, Object> created(Map<String, Object> body) {
        return created(create(admin, "/api/v1/admin/duty-rules", body));
    }

    static Map<String, Object> created(WebTestClient.ResponseSpec response) {
        return response.expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
    }

    static Map<String, Object> ok(WebTestClient.ResponseSpec response) {
        return response.expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    static Map<String, Object> body(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus().isEqualTo(status).expectBody(MAP).returnResult().getResponseBody();
    }

    /** The rule's sessions (any status) in a region between two days, by start. */
    List<Map<String, Object>> sessions(String code, LocalDate from, LocalDate to, String ruleId) {
        return client.get().uri(uri -> uri.path("/api/v1/admin/duty-sessions").queryParam("village", code)
                        .queryParam("from", from.toString()).queryParam("to", to.toString()).build())
                .headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk()
                .expectBody(LIST).returnResult().getResponseBody()
                .stream().filter(session -> ruleId == null || ruleId.equals(session.get("ruleId"))).toList();
    }

    List<Map<String, Object>> rules(String token, String path) {
        return client.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(LIST).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    static String ruleId(Map<String, Object> change) {
        return (String) ((Map<String, Object>) change.get("rule")).get("id");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> kept(Map<String, Object> change) {
        return (List<Map<String, Object>>) change.get("keptWithBookings");
    }

    @SuppressWarnings("unchecked")
    static List<String> errorFields(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream().map(error -> (String) error.get("field"))
                .toList();
    }

    static List<LocalDate> dates(List<Map<String, Object>> sessions) {
        return sessions.stream().map(session -> LocalDate.parse((String) session.get("date"))).toList();
    }
}
