package cn.villagecounsel.api.booking;

import static cn.villagecounsel.api.booking.BookingApi.body;
import static cn.villagecounsel.api.booking.BookingApi.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.booking.BookingApi.Setup;
import cn.villagecounsel.api.notification.Notification;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

@IntegrationTest
class BookingTest {

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    BookingSweep sweep;

    @LocalServerPort
    int port;

    BookingApi api;

    @BeforeEach
    void setUp() {
        api = new BookingApi(client.mutate().responseTimeout(Duration.ofSeconds(30)).build());
    }

    @Test
    void slotsAreCutFromTheSessionAndShownWithoutSigningIn() {
        Setup setup = api.village("切分村");
        LocalDate day = BookingApi.inDays(3);
        String session = api.session(setup, day, "09:00", "11:00", 30, 2);

        List<Map<String, Object>> slots = api.slots(setup.village(), day);

        assertThat(slots).extracting(slot -> slot.get("start") + "-" + slot.get("end"))
                .containsExactly("09:00-09:30", "09:30-10:00", "10:00-10:30", "10:30-11:00");
        assertThat(slots.get(0)).containsEntry("id", session + "@0900").containsEntry("remaining", 2)
                .containsEntry("capacity", 2).containsEntry("state", "OPEN")
                .containsEntry("modes", List.of("IN_PERSON", "PHONE"))
                .containsEntry("advisorName", "切分村顾问");
        body(api.get(null, "/api/v1/villages/{v}/slots?from={f}&to={t}", setup.village(), day, day.minusDays(1)), 400);
        body(api.get(null, "/api/v1/villages/621025999999/slots"), 404);
    }

    @Test
    void aBookingTakesAPlaceOnceAndAReplayedRequestFindsIt() {
        Setup setup = api.village("预约村");
        LocalDate day = BookingApi.inDays(4);
        String slotId = api.session(setup, day, "09:00", "10:00", 30, 2) + "@0900";
        String resident = api.resident("张秀兰");
        String key = UUID.randomUUID().toString();

        Map<String, Object> first = body(api.book(resident, key, form(slotId)), 201);
        Map<String, Object> again = body(api.book(resident, key, form(slotId)), 200);

        assertThat(again.get("id")).isEqualTo(first.get("id"));
        assertThat(first).containsEntry("status", "CONFIRMED").containsEntry("topicLabel", "土地承包与流转")
                .containsEntry("villageName", "预约村").containsEntry("start", "09:00").containsEntry("canChange", true);
        assertThat(api.slot(setup.village(), day, slotId)).containsEntry("remaining", 1);
        assertThat(body(api.book(resident, form(slotId)), 409)).containsEntry("code", "ALREADY_BOOKED");
        assertThat(api.slot(setup.village(), day, slotId)).containsEntry("remaining", 1);
        assertThat(body(api.get(resident, "/api/v1/bookings/{id}", first.get("id")), 200)).containsEntry("note", null);

        // the confirmation goes out now, the reminders the evening before and an hour before, the advisor is told
        List<Notification> sent = mongo.find(query(where("dedupeKey").regex("^booking:" + first.get("id"))),
                Notification.class).collectList().block(BookingApi.WAIT);
        assertThat(sent).extracting(Notification::template)
                .containsExactlyInAnyOrder("booking.confirmed", "booking.reminder", "booking.reminder", "booking.new");
        assertThat(sent).filteredOn(n -> n.template().equals("booking.reminder")).extracting(Notification::dueAt)
                .allSatisfy(due -> assertThat(due).isAfter(Instant.now()));
    }

    @Test
    void badRequestsGetProblemsAndStoreNothing() {
        Setup setup = api.village("校验村");
        LocalDate day = BookingApi.inDays(3);
        String slotId = api.session(setup, day, "09:00", "09:30", 30, 1) + "@0900";
        String resident = api.resident("校验");

        assertThat(body(api.book(resident, null, form(slotId)), 400)).containsEntry("code", "VALIDATION_FAILED");
        Map<String, Object> noTopic = form(slotId);
        noTopic.remove("topic");
        assertThat(body(api.book(resident, noTopic), 400).get("errors"))
                .isEqualTo(List.of(Map.of("field", "topic", "message", "请选择咨询事项")));
        Map<String, Object> phoneWithoutNumber = form(slotId);
        phoneWithoutNumber.put("mode", "PHONE");
        assertThat(body(api.book(resident, phoneWithoutNumber), 400).get("detail")).isEqualTo("电话咨询请留下联系电话。");
        Map<String, Object> video = form(slotId);
        video.put("mode", "VIDEO");
        body(api.book(resident, video), 400);
        body(api.book(resident, form(slotId.replace("@0900", "@0915"))), 404);
        assertThat(api.slot(setup.village(), day, slotId)).containsEntry("remaining", 1);
        body(api.book(setup.advisorToken(), form(slotId)), 403);
    }

    @Test
    void concurrentAttemptsNeverOversellAndAPersonsCapHolds() {
        Setup setup = api.village("抢约村");
        LocalDate day = BookingApi.inDays(5);
        String session = api.session(setup, day, "09:00", "11:00", 30, 5);
        String slotId = session + "@0900";
        List<String> residents = IntStream.range(0, 30).mapToObj(i -> api.resident("抢约" + i)).toList();

        List<Integer> statuses = Flux.fromIterable(residents)
                .flatMap(token -> Flux.defer(() -> Flux.just(api.book(token, form(slotId)).returnResult(String.class)
                                .getStatus().value()))
                        .subscribeOn(Schedulers.boundedElastic()), 30)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(5);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(25);
        assertThat(api.slot(setup.village(), day, slotId)).containsEntry("remaining", 0).containsEntry("state", "FULL");
        assertThat(body(api.book(api.resident("迟来"), form(slotId)), 409)).containsEntry("code", "SLOT_FULL");

        // at most three upcoming bookings each
        String busy = api.resident("常客");
        api.booked(busy, session + "@0930");
        api.booked(busy, session + "@1000");
        Map<String, Object> third = api.booked(busy, session + "@1030");
        assertThat(body(api.book(busy, form(session + "@0930")), 409)).containsEntry("code", "ALREADY_BOOKED");
        String other = api.session(setup, day.plusDays(1), "09:00", "09:30", 30, 1) + "@0900";
        assertThat(body(api.book(busy, form(other)), 409)).containsEntry("code", "LIMIT_REACHED");
        body(api.cancel(busy, (String) third.get("id"), null), 200);
        api.booked(busy, other);
    }

    @Test
    void bookingClosesBeforeTheMinimumNotice() {
        Setup setup = api.village("截止村");
        var start = BookingApi.soon();
        String session = api.session(setup, start.toLocalDate(), start.toLocalTime().toString(),
                start.toLocalTime().plusMinutes(10).toString(), 10, 1);
        String slotId = session + "@" + start.toLocalTime().toString().replace(":", "");

        assertThat(api.slot(setup.village(), start.toLocalDate(), slotId)).containsEntry("state", "CLOSED");
        assertThat(body(api.book(api.resident("迟到"), form(slotId)), 409)).containsEntry("code", "TOO_LATE");
    }

    @Test
    void cancellingGivesExactlyOnePlaceBackHoweverOftenItIsSent() {
        Setup setup = api.village("退约村");
        LocalDate day = BookingApi.inDays(6);
        String slotId = api.session(setup, day, "14:00", "14:30", 30, 1) + "@1400";
        String first = api.resident("甲");
        String id = (String) api.booked(first, slotId).get("id");
        assertThat(body(api.book(api.resident("乙"), form(slotId)), 409)).containsEntry("code", "SLOT_FULL");

        List<Integer> statuses = Flux.range(0, 6)
                .flatMap(i -> Flux.defer(() -> Flux.just(api.cancel(first, id, "家里有事").returnResult(String.class)
                        .getStatus().value())).subscribeOn(Schedulers.boundedElastic()))
                .collectList().block(Duration.ofSeconds(30));

        assertThat(statuses).containsOnly(200);
        assertThat(api.slot(setup.village(), day, slotId)).containsEntry("remaining", 1);
        assertThat(body(api.get(first, "/api/v1/bookings/{id}", id), 200)).containsEntry("status", "CANCELLED")
                .containsEntry("cancelReason", "家里有事").containsEntry("cancelledByRole", "RESIDENT");
        api.booked(api.resident("丙"), slotId);
        assertThat(body(api.book(api.resident("丁"), form(slotId)), 409)).containsEntry("code", "SLOT_FULL");
        // the reminders of the cancelled booking are taken back
        assertThat(mongo.find(query(where("dedupeKey").regex("^booking:" + id + ":.*:(day|hour)-before")),
                Notification.class).map(Notification::status).collectList().block(BookingApi.WAIT))
                .hasSize(2).containsOnly(Notification.Status.WITHDRAWN);
    }

    @Test
    void reschedulingMovesTheOneBookingAndNeverLeavesTwo() {
        Setup setup = api.village("改约村");
        LocalDate day = BookingApi.inDays(7);
        String session = api.session(setup, day, "09:00", "10:30", 30, 1);
        String resident = api.resident("改约");
        String id = (String) api.booked(resident, session + "@0900").get("id");
        api.booked(api.resident("占位"), session + "@1000");

        Map<String, Object> moved = body(api.post(resident, "/api/v1/bookings/{id}/reschedule",
                Map.of("slotId", session + "@0930"), id), 200);

        assertThat(moved).containsEntry("id", id).containsEntry("start", "09:30").containsEntry("status", "CONFIRMED");
        assertThat(api.slot(setup.village(), day, session + "@0900")).containsEntry("remaining", 1);
        assertThat(api.slot(setup.village(), day, session + "@0930")).containsEntry("remaining", 0);
        Map<String, Object> full = body(api.post(resident, "/api/v1/bookings/{id}/reschedule",
                Map.of("slotId", session + "@1000"), id), 409);
        assertThat(full).containsEntry("code", "SLOT_FULL");
        List<Map<String, Object>> mine = api.get(resident, "/api/v1/bookings/mine").expectStatus().isOk()
                .expectBody(BookingApi.LIST).returnResult().getResponseBody();
        assertThat(mine).singleElement().satisfies(only -> assertThat(only).containsEntry("start", "09:30")
                .containsEntry("status", "CONFIRMED"));
        assertThat(api.slot(setup.village(), day, session + "@0930")).containsEntry("remaining", 0);
        assertThat(mongo.findById(id, Booking.class).block(BookingApi.WAIT))
                .satisfies(stored -> assertThat(stored.moveTo()).isNull())
                .satisfies(stored -> assertThat(stored.leftSlotId()).isNull());
    }

    @Test
    void afterTheCutoffOnlyStaffChangeABookingAndTheResidentIsTold() {
        Setup setup = api.village("临近村");
        LocalDate day = BookingApi.inDays(3);
        String slotId = api.session(setup, day, "09:00", "09:30", 30, 1) + "@0900";
        String resident = api.resident("临近");
        String id = (String) api.booked(resident, slotId).get("id");
        // time passes: the consultation is now 90 minutes away
        Booking booked = mongo.findById(id, Booking.class).block(BookingApi.WAIT);
        BookingApi.travel(mongo, id, Duration.between(booked.startAt(), Instant.now().plus(Duration.ofMinutes(90))));

        assertThat(body(api.cancel(resident, id, null), 409)).containsEntry("code", "TOO_LATE_TO_CHANGE");
        assertThat(body(api.get(resident, "/api/v1/bookings/{id}", id), 200)).containsEntry("canChange", false);
        assertThat(body(api.cancel(setup.advisorToken(), id, null), 400).get("detail")).asString().contains("取消原因");
        assertThat(body(api.cancel(setup.advisorToken(), id, "顾问临时出庭"), 200))
                .containsEntry("status", "CANCELLED").containsEntry("cancelledByRole", "ADVISOR");
        assertThat(mongo.find(query(where("template").is("booking.cancelled").and("dedupeKey").regex("^booking:" + id)),
                Notification.class).collectList().block(BookingApi.WAIT))
                .singleElement().satisfies(told -> assertThat(told.body()).contains("顾问临时出庭"));
    }

    @Test
    void theWaitlistOffersAFreedPlaceToTheFirstInLineAndPassesItOn() {
        Setup setup = api.village("候补村");
        LocalDate day = BookingApi.inDays(8);
        String slotId = api.session(setup, day, "09:00", "09:30", 30, 1) + "@0900";
        String holder = api.resident("持有");
        String first = api.resident("候补一");
        String second = api.resident("候补二");
        String holding = (String) api.booked(holder, slotId).get("id");
        assertThat(body(api.post(first, "/api/v1/bookings/waitlist", form(slotId)), 201)).containsEntry("position", 1);
        Map<String, Object> secondPlace = body(api.post(second, "/api/v1/bookings/waitlist", form(slotId)), 201);
        assertThat(secondPlace).containsEntry("position", 2);
        assertThat(body(api.post(second, "/api/v1/bookings/waitlist", form(slotId)), 409))
                .containsEntry("code", "ALREADY_WAITING");

        api.cancel(holder, holding, null).expectStatus().isOk();

        // the place is held for the first in line, not sold to a newcomer
        assertThat(api.slot(setup.village(), day, slotId)).containsEntry("remaining", 0);
        assertThat(body(api.book(api.resident("插队"), form(slotId)), 409)).containsEntry("code", "SLOT_FULL");
        Map<String, Object> offer = mine(first).get(0);
        assertThat(offer).containsEntry("status", "OFFERED");
        assertThat(offer.get("offerExpiresAt")).isNotNull();
        Map<String, Object> accepted = body(api.post(first, "/api/v1/bookings/waitlist/{id}/accept", Map.of(),
                offer.get("id")), 201);
        assertThat(accepted).containsEntry("status", "CONFIRMED").containsEntry("slotId", slotId);
        assertThat(mine(first).get(0)).containsEntry("status", "ACCEPTED").containsEntry("bookingId", accepted.get("id"));

        // the next cancellation is offered to the second; their time runs out, and nobody else waits
        api.cancel(first, (String) accepted.get("id"), null).expectStatus().isOk();
        assertThat(mine(second).get(0)).containsEntry("status", "OFFERED");
        mongo.updateFirst(query(where("_id").is(secondPlace.get("id"))),
                Update.update("offerExpiresAt", Instant.now().minusSeconds(1)), WaitlistEntry.class).block(BookingApi.WAIT);
        sweep.sweepOnce().block(BookingApi.WAIT);

        assertThat(mine(second).get(0)).containsEntry("status", "EXPIRED");
        assertThat(body(api.post(second, "/api/v1/bookings/waitlist/{id}/accept", Map.of(), secondPlace.get("id")), 409))
                .containsEntry("code", "OFFER_EXPIRED");
        assertThat(api.slot(setup.village(), day, slotId)).containsEntry("remaining", 1);
        assertThat(mongo.find(query(where("template").is("booking.waitlist.offer")
                .and("recipientId").in(List.of(userOf(first), userOf(second)))), Notification.class)
                .collectList().block(BookingApi.WAIT)).hasSize(2);
    }

    @Test
    void aBookingWhoseClientWentAwayIsStillCompleted() throws IOException {
        Setup setup = api.village("断线村");
        LocalDate day = BookingApi.inDays(10);
        String slotId = api.session(setup, day, "09:00", "09:30", 30, 1) + "@0900";
        String resident = api.resident("断线");
        String key = UUID.randomUUID().toString();
        byte[] body = ("{\"slotId\":\"" + slotId + "\",\"topic\":\"LAND\",\"description\":\"断线测试\",\"mode\":\"IN_PERSON\"}")
                .getBytes(StandardCharsets.UTF_8);

        // the whole request is sent, then the connection closes before any answer, as when a phone loses its signal
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/bookings HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + resident
                    + "\r\nIdempotency-Key: " + key + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        }

        // no sweep involved: the steps ran to their end after the client left
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                api.slot(setup.village(), day, slotId)).containsEntry("remaining", 0));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                mongo.find(query(where("slotId").is(slotId)), Booking.class).map(Booking::status).collectList()
                        .block(BookingApi.WAIT)).containsExactly(Booking.Status.CONFIRMED));
        assertThat(body(api.book(resident, key, form(slotId)), 200)).containsEntry("status", "CONFIRMED");
    }

    @Test
    void aSweepFinishesABookingThatStoppedHalfway() {
        Setup setup = api.village("中断村");
        LocalDate day = BookingApi.inDays(9);
        String slotId = api.session(setup, day, "09:00", "09:30", 30, 1) + "@0900";
        String id = (String) api.booked(api.resident("中断"), slotId).get("id");
        // as if the process died after cancelling but before giving the place back
        mongo.updateFirst(query(where("_id").is(id)), new Update().set("status", Booking.Status.CANCELLED)
                        .unset("activeKey").set("leftSlotId", slotId).set("updatedAt", Instant.now().minusSeconds(120)),
                Booking.class).block(BookingApi.WAIT);
        assertThat(api.slot(setup.village(), day, slotId)).containsEntry("remaining", 0);

        sweep.sweepOnce().block(BookingApi.WAIT);
        sweep.sweepOnce().block(BookingApi.WAIT);

        assertThat(api.slot(setup.village(), day, slotId)).containsEntry("remaining", 1);
        assertThat(mongo.findById(id, Booking.class).block(BookingApi.WAIT).leftSlotId()).isNull();
    }

    private List<Map<String, Object>> mine(String token) {
        return api.get(token, "/api/v1/bookings/waitlist/mine").expectStatus().isOk().expectBody(BookingApi.LIST)
                .returnResult().getResponseBody();
    }

    private String userOf(String token) {
        return (String) body(api.get(token, "/api/v1/me"), 200).get("id");
    }
}
