package cn.villagecounsel.api.booking;

import static cn.villagecounsel.api.booking.BookingApi.body;
import static cn.villagecounsel.api.booking.BookingApi.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;
import cn.villagecounsel.api.booking.BookingApi.Setup;
import cn.villagecounsel.api.notification.Notification;

@IntegrationTest
class StaffBookingTest {

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveMongoTemplate mongo;

    BookingApi api;

    @BeforeEach
    void setUp() {
        api = new BookingApi(client.mutate().responseTimeout(Duration.ofSeconds(30)).build());
    }

    @Test
    void aBookingIsVisibleOnlyToItsPeopleItsAdvisorAndAdminsInScope() {
        Setup setup = api.village("隐私村");
        Setup elsewhere = api.village("邻村");
        LocalDate day = BookingApi.inDays(3);
        String slotId = api.session(setup, day, "09:00", "09:30", 30, 1) + "@0900";
        String owner = api.resident("本人");
        String id = (String) api.booked(owner, slotId).get("id");
        String township = Sessions.accessToken(Sessions.staff(client, "shanhe-admin", "Demo@2026"));

        assertThat(body(api.get(api.resident("旁人"), "/api/v1/bookings/{id}", id), 403)).containsEntry("code", "FORBIDDEN");
        body(api.get(elsewhere.advisorToken(), "/api/v1/bookings/{id}", id), 403);
        body(api.cancel(api.resident("旁人"), id, "捣乱"), 403);
        body(api.post(elsewhere.advisorToken(), "/api/v1/bookings/{id}/attendance", Map.of("outcome", "NO_SHOW"), id), 403);
        body(api.get(elsewhere.advisorToken(), "/api/v1/bookings/{id}/phone", id), 403);
        assertThat(body(api.get(setup.advisorToken(), "/api/v1/bookings/{id}", id), 200)).containsKey("note");
        body(api.get(township, "/api/v1/bookings/{id}", id), 200);
        body(api.get(api.resident("旁人"), "/api/v1/admin/bookings"), 403);
        body(api.get(api.resident("旁人"), "/api/v1/advisor/bookings"), 403);

        // an admin of another township: the booking is outside their region
        String otherVillage = "621025101" + (300 + ThreadLocalRandom.current().nextInt(600));
        client.post().uri("/api/v1/admin/regions").headers(h -> h.setBearerAuth(api.admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", otherVillage, "name", "外乡镇村"))
                .exchange().expectStatus().isCreated();
        Setup outside = new Setup(otherVillage, setup.advisorId(), setup.advisorToken());
        cn.villagecounsel.api.Directory.fileAgreement(client, api.admin, setup.advisorId(), otherVillage);
        String outsideSlot = api.session(outside, day.plusDays(1), "09:00", "09:30", 30, 1) + "@0900";
        String outsideId = (String) api.booked(api.resident("外乡"), outsideSlot).get("id");
        body(api.get(township, "/api/v1/bookings/{id}", outsideId), 403);
        body(api.get(township, "/api/v1/admin/bookings?village={v}", otherVillage), 403);
        body(api.get(township, "/api/v1/admin/bookings?region=621025101000"), 403);
    }

    @Test
    void aLegalSavvyResidentBooksForANeighbourWhoCanThenSeeIt() {
        Setup setup = api.village("代约村");
        LocalDate day = BookingApi.inDays(4);
        String slotId = api.session(setup, day, "09:00", "09:30", 30, 2) + "@0900";
        String navigator = navigator(setup.village());
        Map<String, Object> forNeighbour = form(slotId);
        forNeighbour.put("mode", "PHONE");
        forNeighbour.put("forNeighbour", Map.of("name", "王桂英", "phone", "13987654321",
                "consent", Map.of("method", "VERBAL", "note", "本人当面同意，其子在场")));

        assertThat(body(api.book(api.resident("非明白人"), forNeighbour), 403).get("detail")).asString()
                .contains("法律明白人");
        Map<String, Object> withoutConsent = new HashMap<>(forNeighbour);
        withoutConsent.put("forNeighbour", Map.of("name", "王桂英", "phone", "13987654321"));
        body(api.book(navigator, withoutConsent), 400);
        Map<String, Object> booked = body(api.book(navigator, forNeighbour), 201);

        assertThat(booked).containsEntry("personName", "王桂英").containsEntry("personPhone", "139****4321")
                .containsEntry("forNeighbour", true);
        String code = (String) booked.get("shareCode");
        assertThat(code).hasSize(8);
        // the same neighbour cannot be booked twice into the slot, even by someone else's hand
        assertThat(body(api.book(navigator, forNeighbour), 409)).containsEntry("code", "ALREADY_BOOKED");

        String neighbour = api.resident("王桂英");
        Map<String, Object> linked = body(api.post(neighbour, "/api/v1/bookings/link", Map.of("code", code)), 200);
        assertThat(linked).containsEntry("id", booked.get("id")).containsEntry("shareCode", null);
        List<Map<String, Object>> mine = api.get(neighbour, "/api/v1/bookings/mine").expectStatus().isOk()
                .expectBody(BookingApi.LIST).returnResult().getResponseBody();
        assertThat(mine).extracting(b -> b.get("id")).containsExactly(booked.get("id"));
        body(api.post(api.resident("冒领"), "/api/v1/bookings/link", Map.of("code", code)), 404);
        assertThat(body(api.get(setup.advisorToken(), "/api/v1/bookings/{id}/phone", booked.get("id")), 200))
                .containsEntry("phone", "13987654321");
    }

    @Test
    void theAdvisorMarksAttendanceAndAnOnSiteSessionRecordsItsHoursOnce() {
        Setup setup = api.village("到场村");
        LocalDate day = BookingApi.inDays(5);
        String session = api.session(setup, day, "09:00", "10:00", 30, 1);
        String seen = (String) api.booked(api.resident("到了"), session + "@0900").get("id");
        String missed = (String) api.booked(api.resident("没来"), session + "@0930").get("id");

        assertThat(body(api.post(setup.advisorToken(), "/api/v1/bookings/{id}/attendance", Map.of("outcome", "ATTENDED"),
                seen), 409)).containsEntry("code", "TOO_EARLY");
        // the day comes
        BookingApi.travel(mongo, seen, Duration.ofDays(-5));
        BookingApi.travel(mongo, missed, Duration.ofDays(-5));

        assertThat(body(api.post(setup.advisorToken(), "/api/v1/bookings/{id}/attendance",
                Map.of("outcome", "ATTENDED"), seen), 200)).containsEntry("status", "ATTENDED");
        body(api.post(setup.advisorToken(), "/api/v1/bookings/{id}/attendance", Map.of("outcome", "NO_SHOW"), missed), 200);
        assertThat(body(api.client.put().uri("/api/v1/bookings/{id}/note", missed)
                .headers(h -> h.setBearerAuth(setup.advisorToken())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("note", "电话未接通")).exchange(), 200)).containsEntry("note", "电话未接通");

        OnSiteHours.Entry hours = mongo.findById(session, OnSiteHours.Entry.class).block(BookingApi.WAIT);
        assertThat(hours).isNotNull();
        assertThat(hours.minutes()).isEqualTo(60);
        assertThat(hours.villageCode()).isEqualTo(setup.village());
        assertThat(mongo.count(query(where("_id").is(session)), OnSiteHours.Entry.class).block(BookingApi.WAIT)).isOne();

        // correcting the only attendance takes the hours back
        body(api.post(setup.advisorToken(), "/api/v1/bookings/{id}/attendance", Map.of("outcome", "NO_SHOW"), seen), 200);
        assertThat(mongo.findById(session, OnSiteHours.Entry.class).block(BookingApi.WAIT)).isNull();
        body(api.post(setup.advisorToken(), "/api/v1/bookings/{id}/attendance", Map.of("outcome", "ATTENDED"), seen), 200);

        Map<String, Object> rates = body(api.get(api.admin, "/api/v1/admin/bookings/no-shows?from={f}&to={t}",
                LocalDate.now().minusDays(30), LocalDate.now()), 200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> byVillage = (List<Map<String, Object>>) rates.get("byVillage");
        assertThat(byVillage).filteredOn(row -> row.get("id").equals(setup.village())).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("finished", 2).containsEntry("noShows", 1)
                        .containsEntry("rate", 0.5).containsEntry("name", "到场村"));
    }

    @Test
    void theAdvisorsWeekListsSessionsWithTheirBookingsAndAdminsFilterAndExport() {
        Setup setup = api.village("周视图村");
        LocalDate day = BookingApi.inDays(6);
        String session = api.session(setup, day, "14:00", "15:00", 30, 2);
        String id = (String) api.booked(api.resident("周一"), session + "@1400").get("id");
        api.booked(api.resident("周二"), session + "@1430");

        Map<String, Object> week = body(api.get(setup.advisorToken(), "/api/v1/advisor/bookings?from={f}&to={t}",
                day.minusDays(1), day.plusDays(5)), 200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sessions = (List<Map<String, Object>>) week.get("sessions");
        assertThat(sessions).singleElement().satisfies(s -> assertThat(s).containsEntry("sessionId", session)
                .containsEntry("capacity", 4).containsEntry("booked", 2).containsEntry("regionName", "周视图村"));
        body(api.get(setup.advisorToken(), "/api/v1/advisor/bookings?from={f}&to={t}", day, day.plusDays(40)), 400);

        Map<String, Object> page = body(api.get(api.admin, "/api/v1/admin/bookings?village={v}&status=CONFIRMED&size=1",
                setup.village()), 200);
        assertThat(page).containsEntry("total", 2).containsEntry("size", 1);
        assertThat(page.get("items")).asList().hasSize(1);
        body(api.get(api.admin, "/api/v1/admin/bookings?size=500"), 400);
        assertThat(body(api.get(api.admin, "/api/v1/admin/bookings?status=LATE"), 400)).containsKey("detail");

        byte[] csv = api.get(api.admin, "/api/v1/admin/bookings.csv?village={v}", setup.village()).expectStatus().isOk()
                .expectHeader().contentType("text/csv;charset=UTF-8").expectBody().returnResult().getResponseBody();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF预约编号,日期,时间").contains(id).contains("周视图村").contains("土地承包与流转");
        assertThat(text.lines()).hasSize(3);
    }

    @Test
    void cancellingASessionCancelsItsBookingsAndTellsEachResident() {
        Setup setup = api.village("停诊村");
        LocalDate day = BookingApi.inDays(7);
        String session = api.session(setup, day, "09:00", "10:00", 30, 1);
        String resident = api.resident("停诊");
        String id = (String) api.booked(resident, session + "@0900").get("id");

        body(api.post(api.admin, "/api/v1/admin/duty-sessions/{id}/cancellation", Map.of("reason", "顾问出庭"), session), 200);

        assertThat(body(api.get(resident, "/api/v1/bookings/{id}", id), 200)).containsEntry("status", "CANCELLED")
                .containsEntry("cancelReason", "值班取消：顾问出庭");
        assertThat(mongo.find(query(where("template").is("booking.cancelled").and("dedupeKey").regex("^booking:" + id)),
                Notification.class).collectList().block(BookingApi.WAIT)).hasSize(1);
        assertThat(body(api.book(api.resident("新人"), form(session + "@0930")), 409)).containsEntry("code", "SESSION_CHANGED");
    }

    @Test
    void aRuleChangeKeepsTheBookedSessionAndItsBooking() {
        Setup setup = api.village("改规村");
        LocalDate day = BookingApi.inDays(8);
        String session = api.session(setup, day, "09:00", "10:00", 30, 1);
        String id = (String) api.booked(api.resident("守约"), session + "@0900").get("id");
        String ruleId = session.substring(0, session.lastIndexOf('-'));
        Map<String, Object> moved = new HashMap<>(Map.of("advisorId", setup.advisorId(), "kind", "ON_SITE",
                "villageCode", setup.village(), "place", "村委会法律服务室", "mode", "IN_PERSON",
                "recurrence", Map.of("frequency", "ONCE", "date", day.toString()), "startTime", "14:00",
                "endTime", "15:00"));

        Map<String, Object> change = body(client.put().uri("/api/v1/admin/duty-rules/{id}", ruleId)
                .headers(h -> h.setBearerAuth(api.admin)).contentType(MediaType.APPLICATION_JSON).bodyValue(moved)
                .exchange(), 200);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> kept = (List<Map<String, Object>>) change.get("keptWithBookings");
        assertThat(kept).singleElement().satisfies(session1 -> assertThat(session1).containsEntry("id", session)
                .containsEntry("status", "DETACHED").containsEntry("bookedCount", 1));
        assertThat(body(api.get(api.admin, "/api/v1/bookings/{id}", id), 200)).containsEntry("status", "CONFIRMED")
                .containsEntry("start", "09:00");
        // the kept session takes no new bookings; its replacement does
        assertThat(api.slot(setup.village(), day, session + "@0930")).containsEntry("state", "CLOSED");
        assertThat(body(api.book(api.resident("后来"), form(session + "@0930")), 409)).containsEntry("code", "SESSION_CHANGED");
        assertThat(api.slot(setup.village(), day, session + "-v1@1400")).containsEntry("state", "OPEN");
    }

    private String navigator(String village) {
        @SuppressWarnings("unchecked")
        Map<String, Object> invited = client.post().uri("/api/v1/admin/navigators").headers(h -> h.setBearerAuth(api.admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("villageCode", village, "name", "赵文华", "role", "GRID_WORKER", "phoneConsent", false))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String resident = api.resident("赵文华");
        @SuppressWarnings("unchecked")
        Map<String, Object> tokens = client.post().uri("/api/v1/me/navigator-invite").headers(h -> h.setBearerAuth(resident))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", invited.get("inviteCode"))).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return Sessions.accessToken(tokens);
    }
}
