package cn.villagecounsel.api.notification;

import java.time.Duration;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;

/**
 * The outbox benchmark ({@code bench/outbox.sh}): real api processes dispatching to WireMock playing WeChat.
 * <ol>
 * <li><b>rate</b>: {@code RATE_MESSAGES} messages with the subscription channel limited to {@code RATE} per second:
 * the send rate WireMock sees, against the limit.</li>
 * <li><b>drain</b>: {@code DRAIN_MESSAGES} queued messages with no limit and {@code INSTANCES} api processes: the
 * time from the first send to the last.</li>
 * </ol>
 * Prints one Markdown table row per scenario.
 */
final class OutboxBench {

    private OutboxBench() {
    }

    public static void main(String[] args) throws Exception {
        // Only the table on stdout: the servers' connection logs would bury it.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        double rate = Double.parseDouble(env("RATE", "50"));
        int rateMessages = Integer.parseInt(env("RATE_MESSAGES", "1500"));
        int drainMessages = Integer.parseInt(env("DRAIN_MESSAGES", "100000"));
        int instances = Integer.parseInt(env("INSTANCES", "1"));
        Duration wechatDelay = Duration.ofMillis(Long.parseLong(env("WECHAT_DELAY_MS", "5")));
        System.out.println("| scenario | messages | api processes | limit (/s) | sends at WireMock (/s) | first to last send |"
                + " seeding |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        if (rateMessages > 0) {
            run("rate", rateMessages, 1, rate, wechatDelay);
        }
        if (drainMessages > 0) {
            run("drain", drainMessages, instances, 0, wechatDelay);
        }
        System.exit(0);
    }

    private static void run(String scenario, int messages, int instances, double rate, Duration wechatDelay)
            throws Exception {
        try (OutboxHarness harness = new OutboxHarness(wechatDelay)) {
            long seeding = System.nanoTime();
            harness.seed(scenario, messages, Math.min(1000, messages));
            seeding = System.nanoTime() - seeding;
            for (int i = 0; i < instances; i++) {
                harness.launchApi(scenario + "-" + i, rate);
            }
            long deadline = System.nanoTime() + Duration.ofHours(2).toNanos();
            while (harness.unsettled(scenario) > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(scenario + " did not finish in two hours");
                }
                Thread.sleep(2_000);
            }
            long sends = harness.sends();
            double perSecond = harness.sendRate();
            double seconds = (sends - 1) / perSecond;
            System.out.println(String.format(Locale.ROOT, "| %s | %d | %d | %s | %.1f | %.1f s | %.1f s |", scenario,
                    messages, instances, rate > 0 ? String.format(Locale.ROOT, "%.0f", rate) : "none", perSecond, seconds,
                    seeding / 1e9));
            if (sends != messages) {
                throw new IllegalStateException(scenario + ": " + sends + " sends for " + messages + " messages");
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
