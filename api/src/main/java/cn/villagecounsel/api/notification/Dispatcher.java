package cn.villagecounsel.api.notification;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.villagecounsel.api.common.RandomIds;
import cn.villagecounsel.api.notification.Channel.Outcome;
import cn.villagecounsel.api.notification.Notification.Status;
import cn.villagecounsel.wechat.GroupRobots;
import cn.villagecounsel.wechat.WechatException;
import cn.villagecounsel.wechat.WechatRejectedException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends due notifications. Any number of api instances run it: each message is claimed by one conditional update
 * that takes a lease, so two instances never hold the same message, and a crashed instance's messages come back when
 * the lease runs out.
 * <p>
 * A dedupe key goes to WeChat at most once. Right before a channel hands a message over, the send log
 * ({@code notification_sends}, keyed by the dedupe key) gets a {@code SENDING} entry, which becomes {@code SENT} when
 * WeChat took the message and is removed when it did not. A claimed message whose key is {@code SENT} is finished
 * without sending; one whose key is still {@code SENDING} belonged to an instance that stopped mid-send, so whether
 * WeChat got it is unknown: it becomes {@code UNCONFIRMED} rather than risk a second copy, and stays in the inbox.
 */
@Component
class Dispatcher {

    static final String SEND_LOG = "notification_sends";
    static final String ATTEMPTS = "notification_attempts";
    static final String INBOX_ONLY = "INBOX";
    static final String ROBOT = "ROBOT";
    static final String SENDING = "SENDING";
    static final String SENT = "SENT";
    /** WeCom takes 20 messages a minute per robot. */
    static final Duration ROBOT_INTERVAL = Duration.ofSeconds(3);
    static final int DIGEST_MAX = 20;
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final String instance = RandomIds.id();
    private final ReactiveMongoTemplate mongo;
    private final Channels channels;
    private final RobotRegistry robots;
    private final SendRates rates;
    private final NotificationProperties properties;
    private final Clock clock;

    Dispatcher(ReactiveMongoTemplate mongo, Channels channels, RobotRegistry robots, SendRates rates,
            NotificationProperties properties, Clock clock) {
        this.mongo = mongo;
        this.channels = channels;
        this.robots = robots;
        this.rates = rates;
        this.properties = properties;
        this.clock = clock;
    }

    /** Spring subscribes to the returned Mono at every tick, so everything time-dependent is deferred to then. */
    @Scheduled(fixedDelayString = "${vc.notifications.dispatch-interval:1s}")
    Mono<Void> poll() {
        int batch = properties.batch();
        return Mono.defer(() -> dispatchDue(batch))
                .expand(found -> found >= batch ? dispatchDue(batch) : Mono.empty())
                .onErrorResume(error -> {
                    log.warn("Notification dispatch failed; the next poll retries", error);
                    return Mono.empty();
                })
                .then();
    }

    /**
     * One round: finds up to {@code max} due messages, claims each it can and delivers them, {@code concurrency} at a
     * time; answers how many were due (a full round means more may be waiting).
     */
    Mono<Integer> dispatchDue(int max) {
        Set<String> robotsThisRound = ConcurrentHashMap.newKeySet();
        return Flux.defer(() -> mongo.find(query(due(clock.instant())).with(Sort.by("nextAttemptAt")).limit(max),
                        Notification.class))
                // One message per robot and round: it gathers the robot's other due messages into its digest.
                .flatMap(candidate -> viaRobot(candidate) && !robotsThisRound.add(candidate.recipientId())
                        ? Mono.just(1)
                        : claim(candidate).flatMap(this::deliver).thenReturn(1), properties.concurrency())
                .count()
                .map(Long::intValue);
    }

    private static Criteria due(Instant now) {
        return where("status").is(Status.PENDING).and("nextAttemptAt").lte(now)
                .orOperator(where("leaseUntil").is(null), where("leaseUntil").lt(now));
    }

    /**
     * Takes the lease of a message found due, if nobody changed it since: compare-and-set on its lease version (an
     * exact key, answered from an index by any MongoDB).
     */
    private Mono<Notification> claim(Notification candidate) {
        return mongo.findAndModify(current(candidate), new Update().set("leaseOwner", instance)
                        .set("leaseUntil", clock.instant().plus(properties.lease())).set("leaseVersion", nextVersion()),
                FindAndModifyOptions.options().returnNew(true), Notification.class);
    }

    private static Query current(Notification notification) {
        return query(where("_id").is(new ObjectId(notification.id())).and("leaseVersion")
                .is(notification.leaseVersion()));
    }

    private static long nextVersion() {
        return ThreadLocalRandom.current().nextLong();
    }

    private Mono<Void> deliver(Notification notification) {
        return logged(notification).flatMap(entry -> {
            if (entry.isPresent()) {
                return settleLogged(notification, entry.get());
            }
            return viaRobot(notification) ? toRobot(notification) : route(notification, 0, List.of());
        });
    }

    /** A staff group's message goes through its WeCom robot; in sandbox mode it goes to the sandbox like any other. */
    private boolean viaRobot(Notification notification) {
        return notification.toRobot() && channels.robots() != null;
    }

    private Mono<Optional<Document>> logged(Notification notification) {
        return mongo.findById(notification.dedupeKey(), Document.class, SEND_LOG)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
    }

    /**
     * The key is in the send log: sent by an earlier holder, or handed over by one that is still waiting for WeChat
     * (its lease ran out while it was slow: let it finish), or by one that stopped before the answer.
     */
    private Mono<Void> settleLogged(Notification notification, Document entry) {
        String channel = entry.getString("channel");
        if (SENT.equals(entry.getString("state"))) {
            return finish(notification, channel, null);
        }
        Instant handedOver = entry.getDate("at").toInstant();
        if (handedOver.isAfter(clock.instant().minus(properties.lease()))) {
            return postpone(notification, properties.lease());
        }
        return release(notification, new Update().set("status", Status.UNCONFIRMED).set("deliveredChannel", channel)
                .set("lastError", "发送过程中服务中断，无法确认微信是否已送达；为避免重复发送未自动重发，消息仍在站内信中。"));
    }

    /** Tries the person's channels in order; what none takes is delivered to the inbox alone, with the reasons. */
    private Mono<Void> route(Notification notification, int index, List<String> skipped) {
        List<Channel> chain = channels.forPeople();
        if (index >= chain.size()) {
            return finish(notification, INBOX_ONLY, skipped.isEmpty() ? null : String.join("；", skipped));
        }
        Channel channel = chain.get(index);
        return Mono.defer(() -> channel.send(notification, handOver(notification, channel.name())))
                .onErrorResume(error -> Mono.just(Outcome.transientFailure(null, error.toString())))
                .flatMap(outcome -> recordAttempt(notification, channel.name(), outcome).then(Mono.defer(() ->
                        switch (outcome.result()) {
                            case DELIVERED -> sent(notification).then(finish(notification, channel.name(),
                                    skipped.isEmpty() ? null : String.join("；", skipped)));
                            case SKIPPED -> dropHandOver(notification).then(route(notification, index + 1,
                                    append(skipped, channel.name() + "：" + outcome.detail())));
                            case TRANSIENT -> dropHandOver(notification).then(retryOrBury(notification, outcome));
                            case PERMANENT -> dropHandOver(notification).then(bury(notification, outcome));
                        })));
    }

    /**
     * Robots take 20 messages a minute. When the robot's bucket is empty the message waits for the next free send;
     * by then the messages that piled up go together as one digest — none is dropped.
     */
    private Mono<Void> toRobot(Notification first) {
        return robots.keyOf(first.robotId()).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(key -> key.isEmpty()
                        ? bury(first, Outcome.permanentFailure(null, "群机器人已删除"))
                        : rates.tryTake("robot:" + first.robotId(), ROBOT_INTERVAL).map(Optional::of)
                                .defaultIfEmpty(Optional.empty())
                                .flatMap(wait -> wait.isPresent() ? postpone(first, wait.get())
                                        : gather(first).flatMap(batch -> digest(batch, key.get()))));
    }

    /** The first message and up to {@link #DIGEST_MAX} - 1 more due ones for the same robot, claimed, none sent yet. */
    private Mono<List<Notification>> gather(Notification first) {
        Query more = query(due(clock.instant()).and("recipientId").is(first.recipientId()).and("_id")
                .ne(new ObjectId(first.id()))).with(Sort.by("nextAttemptAt")).limit(DIGEST_MAX - 1);
        return mongo.find(more, Notification.class)
                .concatMap(this::claim)
                .concatMap(claimed -> logged(claimed).flatMap(entry -> entry.isPresent()
                        ? settleLogged(claimed, entry.get()).then(Mono.<Notification>empty())
                        : Mono.just(claimed)))
                .collectList()
                .map(others -> {
                    List<Notification> batch = new ArrayList<>();
                    batch.add(first);
                    batch.addAll(others);
                    return batch;
                });
    }

    private Mono<Void> digest(List<Notification> batch, String key) {
        List<Notification> fitting = new ArrayList<>();
        String markdown = RobotDigest.compose(batch, fitting);
        List<Notification> left = batch.subList(fitting.size(), batch.size());
        GroupRobots robot = channels.robots();
        return Flux.fromIterable(left).concatMap(notification -> release(notification, new Update()))
                .thenMany(Flux.fromIterable(fitting).concatMap(notification -> handOver(notification, ROBOT)))
                .then(robot.sendMarkdown(key, markdown))
                .thenReturn(Outcome.delivered())
                .onErrorResume(WechatException.class, failure -> Mono.just(failure instanceof WechatRejectedException
                        ? Outcome.permanentFailure(Outcome.errcodeOf(failure), "企业微信拒收，机器人可能已被移出群聊")
                        : Outcome.transientFailure(Outcome.errcodeOf(failure), "企业微信暂时不可用（"
                                + failure.errcodeOrReason() + "）")))
                .onErrorResume(error -> Mono.just(Outcome.transientFailure(null, error.toString())))
                .flatMapMany(outcome -> Flux.fromIterable(fitting).concatMap(notification ->
                        recordAttempt(notification, ROBOT, outcome).then(Mono.defer(() -> switch (outcome.result()) {
                            case DELIVERED -> sent(notification).then(finish(notification, ROBOT, fitting.size() > 1
                                    ? "与另外 " + (fitting.size() - 1) + " 条消息合并为一条汇总发送" : null));
                            case TRANSIENT, SKIPPED -> dropHandOver(notification).then(retryOrBury(notification,
                                    outcome));
                            case PERMANENT -> dropHandOver(notification).then(bury(notification, outcome));
                        }))))
                .then();
    }

    /** Writes the send log's SENDING entry right before a channel gives the message to WeChat. */
    private Mono<Void> handOver(Notification notification, String channel) {
        return mongo.insert(new Document("_id", notification.dedupeKey()).append("state", SENDING)
                        .append("channel", channel).append("notificationId", notification.id())
                        .append("instance", instance).append("at", clock.instant()), SEND_LOG)
                .then();
    }

    private Mono<Void> sent(Notification notification) {
        return mongo.updateFirst(query(where("_id").is(notification.dedupeKey())),
                new Update().set("state", SENT).set("at", clock.instant()), SEND_LOG).then();
    }

    /**
     * WeChat did not take it (or nothing was handed over): the key is free for a later attempt. Looked up and removed
     * by key alone: only the lease holder writes its message's entry.
     */
    private Mono<Void> dropHandOver(Notification notification) {
        return logged(notification)
                .filter(entry -> entry.isPresent() && SENDING.equals(entry.get().getString("state"))
                        && instance.equals(entry.get().getString("instance")))
                .flatMap(entry -> mongo.remove(query(where("_id").is(notification.dedupeKey())), SEND_LOG))
                .then();
    }

    private Mono<Void> finish(Notification notification, String channel, String note) {
        Update delivered = new Update().set("status", Status.DELIVERED).set("deliveredChannel", channel)
                .set("deliveredAt", clock.instant());
        return release(notification, note == null ? delivered : delivered.set("note", note));
    }

    /** Back to the queue for a while (the robot has no free send, an earlier hand-over may still finish); not an attempt. */
    private Mono<Void> postpone(Notification notification, Duration wait) {
        return release(notification, new Update().set("nextAttemptAt", clock.instant().plus(wait)));
    }

    private Mono<Void> retryOrBury(Notification notification, Outcome outcome) {
        int attempts = notification.attempts() + 1;
        if (attempts >= properties.maxAttempts()) {
            return bury(notification, outcome);
        }
        double jitter = 0.5 + ThreadLocalRandom.current().nextDouble();
        long delayMillis = Math.min(MAX_BACKOFF.toMillis(),
                (long) (properties.backoff().toMillis() * Math.pow(2, attempts - 1) * jitter));
        return release(notification, new Update().set("attempts", attempts)
                .set("nextAttemptAt", clock.instant().plusMillis(delayMillis)).set("lastError", describe(outcome)));
    }

    private Mono<Void> bury(Notification notification, Outcome outcome) {
        return release(notification, new Update().set("status", Status.DEAD).set("attempts", notification.attempts() + 1)
                .set("lastError", describe(outcome)));
    }

    /**
     * Applies the change only while this instance still holds the lease — no one took the message over since the
     * claim — and lets go of it.
     */
    private Mono<Void> release(Notification notification, Update change) {
        return mongo.updateFirst(current(notification), change.unset("leaseOwner").unset("leaseUntil")
                .set("leaseVersion", nextVersion()), Notification.class).then();
    }

    private Mono<Void> recordAttempt(Notification notification, String channel, Outcome outcome) {
        return mongo.insert(new Document("notificationId", notification.id())
                        .append("dedupeKey", notification.dedupeKey()).append("channel", channel)
                        .append("at", clock.instant()).append("result", outcome.result().name())
                        .append("errcode", outcome.errcode()).append("detail", outcome.detail())
                        .append("instance", instance), ATTEMPTS)
                .then();
    }

    private static List<String> append(List<String> reasons, String reason) {
        List<String> more = new ArrayList<>(reasons);
        more.add(reason);
        return more;
    }

    private static String describe(Outcome outcome) {
        return outcome.errcode() == null ? outcome.detail() : outcome.errcode() + " " + outcome.detail();
    }
}
