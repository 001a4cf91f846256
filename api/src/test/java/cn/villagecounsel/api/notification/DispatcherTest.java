package cn.villagecounsel.api.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.notification.Notification.Status;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The outbox dispatcher in sandbox mode, with the application's own poller running alongside: whoever
 * delivers, each message reaches the channel exactly once.
 */
@IntegrationTest
class DispatcherTest {

    @Autowired
    Notifications notifications;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    Channels channels;

    @Autowired
    RobotRegistry robots;

    @Autowired
    SendRates rates;

    @Autowired
    NotificationProperties properties;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    Clock clock;

    @Test
    void threeDispatchersDeliverEachMessageExactlyOnce() {
        String batch = UUID.randomUUID().toString();
        Flux.range(0, 200)
                .flatMap(i -> notifications.enqueue(message(batch + ":" + i, null)), 16)
                .blockLast(Duration.ofSeconds(30));
        Dispatcher second = new Dispatcher(mongo, channels, robots, rates, properties, clock);

        Mono.zip(dispatcher.dispatchDue(500), second.dispatchDue(500)).block(Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(count(batch, Status.DELIVERED))
                .isEqualTo(200));
        List<Document> sent = mongo.find(query(where("dedupeKey").regex("^" + batch)), Document.class,
                SandboxChannel.COLLECTION).collectList().block(Duration.ofSeconds(10));
        assertThat(sent).hasSize(200);
        assertThat(sent.stream().map(doc -> doc.getString("dedupeKey")).distinct()).hasSize(200);
        // A holder slower than its lease (a loaded machine) may meet a second claimer, whose hand-over the send log
        // refuses: more attempts then, but one delivery per message.
        assertThat(mongo.count(query(where("dedupeKey").regex("^" + batch).and("result").is("DELIVERED")),
                Dispatcher.ATTEMPTS).block(Duration.ofSeconds(10))).isEqualTo(200);
    }

    @Test
    void aCrashedInstancesClaimComesBackWhenItsLeaseRunsOut() {
        String expired = "lease:" + UUID.randomUUID();
        String held = "lease:" + UUID.randomUUID();
        claimedBySomeoneElse(notifications.enqueue(message(expired, null)).block(), clock.instant().minusSeconds(1));
        claimedBySomeoneElse(notifications.enqueue(message(held, null)).block(), clock.instant().plusSeconds(600));

        dispatcher.dispatchDue(500).block(Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(byKey(expired).status())
                .isEqualTo(Status.DELIVERED));
        assertThat(byKey(held).status()).as("still held by its live owner").isEqualTo(Status.PENDING);
        assertThat(sandboxSends(held)).isZero();
    }

    @Test
    void aMessageAlreadyInTheSendLogIsFinishedWithoutSendingAgain() {
        String key = "logged:" + UUID.randomUUID();
        // The previous holder sent and logged it, then crashed before marking it delivered.
        mongo.insert(new Document("_id", key).append("state", Dispatcher.SENT).append("channel", "SANDBOX")
                .append("at", clock.instant()), Dispatcher.SEND_LOG).block(Duration.ofSeconds(5));
        notifications.enqueue(message(key, null)).block(Duration.ofSeconds(5));

        dispatcher.dispatchDue(500).block(Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(byKey(key).status())
                .isEqualTo(Status.DELIVERED));
        assertThat(byKey(key).deliveredChannel()).isEqualTo("SANDBOX");
        assertThat(sandboxSends(key)).isZero();
    }

    @Test
    void aMessageLeftMidHandOverIsUnconfirmedNeverSentTwice() {
        String key = "handed:" + UUID.randomUUID();
        // The previous holder wrote "sending" and stopped before WeChat answered: it may or may not have arrived.
        Notification notification = notifications.enqueue(message(key, null)).block(Duration.ofSeconds(5));
        mongo.insert(new Document("_id", key).append("state", Dispatcher.SENDING).append("channel", "SANDBOX")
                .append("instance", "crashed-instance").append("at", clock.instant().minus(properties.lease())
                        .minusSeconds(1)), Dispatcher.SEND_LOG)
                .block(Duration.ofSeconds(5));

        dispatcher.dispatchDue(500).block(Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(byKey(key).status())
                .isEqualTo(Status.UNCONFIRMED));
        assertThat(byKey(key).lastError()).contains("无法确认");
        assertThat(sandboxSends(key)).isZero();
        assertThat(notification.id()).isEqualTo(byKey(key).id());
    }

    @Test
    void aRecentHandOverIsLeftToFinishBeforeItCountsAsUnconfirmed() {
        String key = "slow:" + UUID.randomUUID();
        // A holder that is slow rather than gone: its lease ran out, but it handed the message over just now.
        notifications.enqueue(message(key, null)).block(Duration.ofSeconds(5));
        mongo.insert(new Document("_id", key).append("state", Dispatcher.SENDING).append("channel", "SANDBOX")
                .append("instance", "slow-instance").append("at", clock.instant()), Dispatcher.SEND_LOG)
                .block(Duration.ofSeconds(5));

        dispatcher.dispatchDue(500).block(Duration.ofSeconds(30));

        Notification waiting = byKey(key);
        assertThat(waiting.status()).isEqualTo(Status.PENDING);
        assertThat(waiting.nextAttemptAt()).isAfter(clock.instant().plus(properties.lease()).minusSeconds(5));
        assertThat(waiting.attempts()).isZero();
        assertThat(sandboxSends(key)).isZero();
    }

    @Test
    void aScheduledMessageWaitsUntilItIsDue() {
        String key = "later:" + UUID.randomUUID();
        notifications.enqueue(message(key, clock.instant().plus(Duration.ofHours(10)))).block(Duration.ofSeconds(5));

        dispatcher.dispatchDue(500).block(Duration.ofSeconds(30));

        assertThat(byKey(key).status()).isEqualTo(Status.PENDING);
        assertThat(sandboxSends(key)).isZero();
    }

    private static NewNotification message(String key, Instant dueAt) {
        return new NewNotification("dispatch-test-user", "test.message", "测试消息", "内容", Map.of("k", key), key,
                "621025100201", dueAt);
    }

    private void claimedBySomeoneElse(Notification notification, Instant leaseUntil) {
        mongo.updateFirst(query(where("dedupeKey").is(notification.dedupeKey())),
                new Update().set("leaseOwner", "crashed-instance")
                        .set("leaseUntil", leaseUntil), Notification.class).block(Duration.ofSeconds(5));
    }

    private Notification byKey(String key) {
        return mongo.findOne(query(where("dedupeKey").is(key)), Notification.class).block(Duration.ofSeconds(5));
    }

    private long count(String prefix, Status status) {
        return mongo.count(query(where("dedupeKey").regex("^" + prefix).and("status").is(status)), Notification.class)
                .block(Duration.ofSeconds(5));
    }

    private long sandboxSends(String key) {
        return mongo.count(query(where("dedupeKey").is(key)), SandboxChannel.COLLECTION).block(Duration.ofSeconds(5));
    }
}
