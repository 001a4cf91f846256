package cn.villagecounsel.api.booking;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.Directory;
import cn.villagecounsel.api.Sessions;
import cn.villagecounsel.api.common.ChinaTime;

/** Drives the booking endpoints (and the directory and duty endpoints they need) as the clients would. */
final class BookingApi {

    static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
    static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };

    /** A village with its own advisor, and the advisor's sign-in. */
    record Setup(String village, String advisorId, String advisorToken) {
    }

    final WebTestClient client;
    final String admin;

    BookingApi(WebTestClient client) {
        this.client = client;
        this.admin = Directory.countyAdmin(client);
    }

    Setup village(String name) {
        String village = Directory.newVillage(client, admin, name);
        List<String> advisor = Directory.newAdvisor(client, admin, name + "顾问");
        Directory.fileAgreement(client, admin, advisor.get(0), village);
        String token = Sessions.accessToken(Sessions.staff(client, advisor.get(1), advisor.get(2)));
        return new Setup(village, advisor.get(0), token);
    }

    /** A one-day on-site session of the village's advisor; answers the session id. */
    String session(Setup setup, LocalDate date, String start, String end, int slotMinutes, int places) {
        Map<String, Object> recurrence = Map.of("frequency", "ONCE", "date", date.toString());
        Map<String, Object> rule = new HashMap<>();
        rule.put("advisorId", setup.advisorId());
        rule.put("kind", "ON_SITE");
        rule.put("villageCode", setup.village());
        rule.put("place", "村委会法律服务室");
        rule.put("mode", "IN_PERSON");
        rule.put("recurrence", recurrence);
        rule.put("startTime", start);
        rule.put("endTime", end);
        rule.put("slotMinutes", slotMinutes);
        rule.put("placesPerSlot", places);
        Map<String, Object> change = client.post().uri("/api/v1/admin/duty-rules").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(rule).exchange()
                .expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        String ruleId = (String) ((Map<String, Object>) change.get("rule")).get("id");
        return ruleId + "-" + date.toString().replace("-", "");
    }

    /** A day far enough ahead for every rule of booking (notice, cutoff) not to interfere. */
    static LocalDate inDays(int days) {
        return LocalDate.now(ChinaTime.ZONE).plusDays(days);
    }

    /** Today or tomorrow, at a time 65–75 minutes from now: inside the minimum notice. */
    static ZonedDateTime soon() {
        ZonedDateTime start = ZonedDateTime.now(ChinaTime.ZONE).plusMinutes(70).withSecond(0).withNano(0);
        start = start.withMinute(start.getMinute() / 5 * 5);
        return start.toLocalTime().isAfter(LocalTime.of(23, 45)) ? start.toLocalDate().plusDays(1).atStartOfDay(ChinaTime.ZONE)
                : start;
    }

    List<Map<String, Object>> slots(String village, LocalDate day) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> slots = (List<Map<String, Object>>) client.get()
                .uri("/api/v1/villages/{v}/slots?from={d}&to={d}", village, day, day).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody().get("slots");
        return slots;
    }

    Map<String, Object> slot(String village, LocalDate day, String slotId) {
        return slots(village, day).stream().filter(slot -> slot.get("id").equals(slotId)).findFirst().orElseThrow();
    }

    static String resident(WebTestClient client, String name) {
        return Sessions.accessToken(Sessions.wechat(client, name + "-" + UUID.randomUUID().toString().substring(0, 8)));
    }

    String resident(String name) {
        return resident(client, name);
    }

    static Map<String, Object> form(String slotId) {
        Map<String, Object> form = new HashMap<>();
        form.put("slotId", slotId);
        form.put("topic", "LAND");
        form.put("description", "承包地被邻居占用，想咨询怎么处理");
        form.put("mode", "IN_PERSON");
        return form;
    }

    WebTestClient.ResponseSpec book(String token, Map<String, Object> form) {
        return book(token, UUID.randomUUID().toString(), form);
    }

    WebTestClient.ResponseSpec book(String token, String key, Map<String, Object> form) {
        return client.post().uri("/api/v1/bookings").headers(h -> {
                    h.setBearerAuth(token);
                    if (key != null) {
                        h.set("Idempotency-Key", key);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(form).exchange();
    }

    Map<String, Object> booked(String token, String slotId) {
        return book(token, form(slotId)).expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
    }

    WebTestClient.ResponseSpec post(String token, String uri, Object body, Object... variables) {
        return client.post().uri(uri, variables).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec get(String token, String uri, Object... variables) {
        return client.get().uri(uri, variables).headers(h -> {
            if (token != null) {
                h.setBearerAuth(token);
            }
        }).exchange();
    }

    WebTestClient.ResponseSpec cancel(String token, String bookingId, String reason) {
        return post(token, "/api/v1/bookings/{id}/cancel", reason == null ? Map.of() : Map.of("reason", reason), bookingId);
    }

    static Map<String, Object> body(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus().isEqualTo(status).expectBody(MAP).returnResult().getResponseBody();
    }

    static final Duration WAIT = Duration.ofSeconds(10);
}
