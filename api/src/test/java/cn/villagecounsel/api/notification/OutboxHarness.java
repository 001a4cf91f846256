package cn.villagecounsel.api.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.util.FileSystemUtils;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;

import cn.villagecounsel.api.ApiApplication;
import cn.villagecounsel.api.account.User;
import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.notification.Notification.Status;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import reactor.core.publisher.Flux;
import redis.embedded.RedisServer;

/**
 * Real api processes dispatching one outbox: a MongoDB-protocol server, a redis-server and WireMock (playing WeChat's
 * subscription-message API) live in this JVM, so they survive when an api process is killed with SIGKILL. Messages
 * open {@code pages/notification/detail?id=<notification id>}, so WireMock's journal counts sends per message. Used
 * by the crash tests and by {@code bench/outbox.sh} (through {@link OutboxBench}).
 */
final class OutboxHarness implements AutoCloseable {

    static final String TEMPLATE = "outbox.notice";
    static final String SEND = "/cgi-bin/message/subscribe/send";
    private static final Pattern PAGE_ID = Pattern.compile("detail\\?id=([0-9a-f]{24})");

    final WireMockServer wechat;
    private final MongoServer mongoServer;
    private final RedisServer redis;
    private final String mongoUri;
    private final int redisPort;
    private final MongoClient client;
    final ReactiveMongoTemplate mongo;
    private final Path dataDir;
    private final List<Process> processes = new ArrayList<>();
    private final Map<Process, String> running = new ConcurrentHashMap<>();

    /**
     * @param wechatDelay how long WireMock takes to answer a send, so that a kill finds sends in flight
     */
    OutboxHarness(Duration wechatDelay) throws IOException {
        dataDir = Files.createTempDirectory("outbox-harness");
        mongoServer = new MongoServer(new MemoryBackend());
        InetSocketAddress address = mongoServer.bind();
        mongoUri = "mongodb://127.0.0.1:" + address.getPort() + "/outbox";
        redisPort = freePort();
        redis = RedisServer.newRedisServer().bind("127.0.0.1").port(redisPort).setting("save \"\"")
                .setting("dir " + dataDir.toAbsolutePath()).build();
        redis.start();
        wechat = new WireMockServer(options().dynamicPort().containerThreads(64).jettyAcceptors(2)
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(16));
        wechat.start();
        wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
                .willReturn(okJson("{\"access_token\":\"OUTBOX\",\"expires_in\":7200}")));
        wechat.stubFor(post(urlPathEqualTo(SEND)).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")
                .withFixedDelay((int) wechatDelay.toMillis())));
        client = MongoClients.create(mongoUri);
        mongo = new ReactiveMongoTemplate(client, "outbox");
    }

    /** {@code count} messages of one batch to {@code recipients} residents, due now. */
    void seed(String batch, int count, int recipients) {
        Instant now = Instant.now();
        List<String> users = Flux.range(0, recipients)
                .concatMap(i -> mongo.insert(new User(new ObjectId().toHexString(), null, null,
                        "o-" + batch + "-" + i, null, "村民" + i, Set.of(Role.RESIDENT), List.of(), "621025100201", true,
                        now, now)))
                .map(User::id)
                .collectList()
                .block(Duration.ofMinutes(1));
        Notifications notifications = new Notifications(mongo, Clock.systemUTC());
        Flux.range(0, count)
                .flatMap(i -> notifications.enqueue(new NewNotification(users.get(i % recipients), TEMPLATE,
                        "法律顾问回复了您的问题", "请在小程序中查看回复。", Map.of(), batch + ":" + i, "621025100201", null)),
                        32)
                .blockLast(Duration.ofMinutes(5));
    }

    /**
     * Starts an api process on this harness' servers, with a mini-program configured against WireMock.
     * @param rate subscription messages per second across all instances (0: no limit)
     */
    Process launchApi(String name, double rate) throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve(name));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ApiApplication.class.getName(),
                "--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
                "--logging.level.root=warn",
                "--vc.demo.enabled=false", "--vc.duty.extend-on-startup=false", "--vc.duty.extension-cron=-",
                "--vc.wechat.mini-app.app-id=wx00000000outbox", "--vc.wechat.mini-app.secret=outbox-secret",
                "--vc.wechat.api-host=" + wechat.baseUrl(),
                "--vc.notifications.lease=5s",
                "--vc.notifications.dispatch-interval=200ms",
                "--vc.notifications.rates.SUBSCRIPTION=" + rate,
                "--vc.notifications.templates[" + TEMPLATE + "].template-id=TPL-OUTBOX",
                "--vc.notifications.templates[" + TEMPLATE + "].long-term=true",
                "--vc.notifications.templates[" + TEMPLATE + "].fields.thing1={title}"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("api.log").toFile());
        builder.environment().put("MONGODB_URI", mongoUri);
        builder.environment().put("MONGODB_DATABASE", "outbox");
        builder.environment().put("REDIS_URL", "redis://127.0.0.1:" + redisPort);
        builder.environment().put("DATA_DIR", dir.toAbsolutePath().toString());
        Process process = builder.start();
        processes.add(process);
        running.put(process, name);
        return process;
    }

    /** SIGKILL: no shutdown hook, no graceful stop, leases left behind. */
    void kill(Process process) throws InterruptedException {
        running.remove(process);
        process.destroyForcibly();
        process.waitFor();
    }

    /** Fails at once when an api process died by itself (its log is under the harness' directory). */
    private void requireRunning() {
        running.forEach((process, name) -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("api process '" + name + "' exited with " + process.exitValue()
                        + "; see " + dataDir.resolve(name).resolve("api.log"));
            }
        });
    }

    /** Sends per second at WireMock between the first and the last send of the journal. */
    double sendRate() {
        List<Long> times = wechat.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().startsWith(SEND))
                .map(event -> event.getRequest().getLoggedDate().getTime()).sorted().toList();
        return times.size() < 2 ? 0 : (times.size() - 1) * 1000.0 / (times.get(times.size() - 1) - times.get(0));
    }

    long sends() {
        requireRunning();
        return wechat.countRequestsMatching(postRequestedFor(urlPathEqualTo(SEND)).build()).getCount();
    }

    /** How often WireMock received each notification id. */
    Map<String, Long> sendsPerNotification() {
        return wechat.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().startsWith(SEND))
                .map(event -> PAGE_ID.matcher(event.getRequest().getBodyAsString()))
                .filter(Matcher::find)
                .collect(Collectors.groupingBy(match -> match.group(1), Collectors.counting()));
    }

    List<Notification> batch(String batch) {
        return mongo.find(query(where("dedupeKey").regex("^" + batch + ":")), Notification.class).collectList()
                .block(Duration.ofMinutes(1));
    }

    long unsettled(String batch) {
        requireRunning();
        return mongo.count(query(where("dedupeKey").regex("^" + batch + ":").and("status").is(Status.PENDING)),
                Notification.class).block(Duration.ofMinutes(1));
    }

    /** The batch's recorded attempts, counted by {@code instance}, {@code result} or another field. */
    Map<String, Long> attemptsBy(String batch, String field) {
        return mongo.find(query(where("dedupeKey").regex("^" + batch + ":")), Document.class,
                        Dispatcher.ATTEMPTS).collectList().block(Duration.ofMinutes(1)).stream()
                .collect(Collectors.groupingBy(attempt -> String.valueOf(attempt.get(field)), Collectors.counting()));
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
        for (Process process : processes) {
            try {
                process.waitFor();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        client.close();
        mongoServer.shutdownNow();
        try {
            redis.stop();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        wechat.stop();
        try {
            FileSystemUtils.deleteRecursively(dataDir);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
