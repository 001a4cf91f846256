package cn.villagecounsel.api.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.villagecounsel.api.notification.Notification.Status;

/**
 * Exactly-once as far as it can be had, with real processes: api instances are started as separate JVMs on shared
 * servers, one is killed with SIGKILL in the middle of sending, and WireMock (playing WeChat) counts what arrived
 * per message.
 */
class OutboxCrashTest {

    private static final Logger log = LoggerFactory.getLogger(OutboxCrashTest.class);
    private static final int MESSAGES = 10_000;
    /** The dispatcher's default concurrency: at most this many sends are in flight when a process dies. */
    private static final int IN_FLIGHT = 8;

    @Test
    void aKilledDispatcherLosesNothingAndRepeatsNothing() throws Exception {
        try (OutboxHarness harness = new OutboxHarness(Duration.ofMillis(5))) {
            harness.seed("crash", MESSAGES, 200);
            Process first = harness.launchApi("first", 0);
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(50))
                    .until(() -> harness.sends() >= MESSAGES / 3);

            harness.kill(first);
            long sentBeforeKill = harness.sends();
            harness.launchApi("second", 0);
            await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> harness.unsettled("crash") == 0);

            List<Notification> batch = harness.batch("crash");
            Map<String, Long> perMessage = harness.sendsPerNotification();
            assertThat(batch).hasSize(MESSAGES);
            assertThat(perMessage.values()).as("no message reached WeChat twice").allMatch(count -> count == 1);
            assertThat(batch).as("every message is delivered, or unconfirmed because it was in flight at the kill")
                    .allMatch(n -> n.status() == Status.DELIVERED || n.status() == Status.UNCONFIRMED);
            assertThat(batch).filteredOn(n -> n.status() == Status.DELIVERED)
                    .as("what we call delivered, WeChat got").allMatch(n -> perMessage.containsKey(n.id()));
            assertThat(batch).filteredOn(n -> !perMessage.containsKey(n.id()))
                    .as("nothing is lost silently: what WeChat did not get is marked").allMatch(
                            n -> n.status() == Status.UNCONFIRMED);
            List<Notification> unconfirmed = batch.stream().filter(n -> n.status() == Status.UNCONFIRMED).toList();
            assertThat(unconfirmed.size()).as("only what was in flight at the kill").isLessThanOrEqualTo(IN_FLIGHT);
            long reached = unconfirmed.stream().filter(n -> perMessage.containsKey(n.id())).count();
            log.info("Crash run: {} messages, {} sent before SIGKILL, {} delivered, {} unconfirmed (of which WeChat "
                            + "got {}), {} sends in all, none twice", MESSAGES, sentBeforeKill,
                    MESSAGES - unconfirmed.size(), unconfirmed.size(), reached, harness.sends());
        }
    }

    @Test
    void twoInstancesOnOneOutboxSendEachMessageOnce() throws Exception {
        try (OutboxHarness harness = new OutboxHarness(Duration.ofMillis(2))) {
            long started = System.nanoTime();
            harness.seed("pair", MESSAGES, 200);
            log.info("Seeded {} in {} ms", MESSAGES, (System.nanoTime() - started) / 1_000_000);
            harness.launchApi("one", 0);
            harness.launchApi("two", 0);
            await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> harness.unsettled("pair") == 0);

            List<Notification> batch = harness.batch("pair");
            Map<String, Long> perMessage = harness.sendsPerNotification();
            assertThat(batch).hasSize(MESSAGES).allMatch(n -> n.status() == Status.DELIVERED
                    && SubscriptionChannel.NAME.equals(n.deliveredChannel()));
            assertThat(perMessage).hasSize(MESSAGES);
            assertThat(perMessage.values()).allMatch(count -> count == 1);
            Map<String, Long> byInstance = harness.attemptsBy("pair", "instance");
            Map<String, Long> byResult = harness.attemptsBy("pair", "result");
            assertThat(byInstance).as("both instances dispatched").hasSize(2);
            assertThat(byResult).containsEntry("DELIVERED", (long) MESSAGES);
            log.info("Two instances: {} messages, each sent once; attempts per instance {}, by result {} ({}); {} sends/s; "
                    + "{} ms in all", MESSAGES, byInstance.values(), byResult, harness.attemptsBy("pair", "detail"),
                    Math.round(harness.sendRate()), (System.nanoTime() - started) / 1_000_000);
        }
    }
}
