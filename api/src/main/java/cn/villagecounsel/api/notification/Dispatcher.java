package cn.villagecounsel.api.notification;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.villagecounsel.api.common.RandomIds;
import cn.villagecounsel.api.notification.Channel.Outcome;
import cn.villagecounsel.api.notification.Notification.Status;
import reactor.core.publisher.Mono;

/**
 * Sends due notifications. Any number of api instances run it: each message is claimed by one conditional
 * update that takes a lease, so two instances never hold the same message, and a crashed instance's
 * messages come back when the lease runs out. After a channel accepts a message the send log
 * ({@code notification_sends}, keyed by the dedupe key) is written first; a message whose key is already in
 * the log is finished without sending again — so a crash between "sent" and "recorded" repeats nothing.
 */
@Component
class Dispatcher {

    static final String SEND_LOG = "notification_sends";
    static final String ATTEMPTS = "notification_attempts";
    static final String INBOX_ONLY = "INBOX";
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final String instance = RandomIds.id();
    private final ReactiveMongoTemplate mongo;
    private final List<Channel> channels;
    private final NotificationProperties properties;
    private final Clock clock;

    Dispatcher(ReactiveMongoTemplate mongo, List<Channel> channels, NotificationProperties properties, Clock clock) {
        this.mongo = mongo;
        this.channels = channels;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${vc.notifications.dispatch-interval:1s}")
    Mono<Void> poll() {
        return dispatchDue(properties.batch())
                .onErrorResume(error -> {
                    log.warn("Notification dispatch failed; the next poll retries", error);
                    return Mono.empty();
                })
                .then();
    }

    /** Claims and delivers up to {@code max} due messages, one after another; answers how many. */
    Mono<Integer> dispatchDue(int max) {
        return next(0, max);
    }

    private Mono<Integer> next(int done, int max) {
        if (done >= max) {
            return Mono.just(done);
        }
        return claim().flatMap(notification -> deliver(notification).then(Mono.defer(() -> next(done + 1, max))))
                .defaultIfEmpty(done);
    }

    private Mono<Notification> claim() {
        Instant now = clock.instant();
        Criteria due = where("status").is(Status.PENDING).and("nextAttemptAt").lte(now)
                .orOperator(where("leaseUntil").is(null), where("leaseUntil").lt(now));
        return mongo.findAndModify(query(due).with(Sort.by("nextAttemptAt")),
                new Update().set("leaseOwner", instance).set("leaseUntil", now.plus(properties.lease())),
                FindAndModifyOptions.options().returnNew(true), Notification.class);
    }

    private Mono<Void> deliver(Notification notification) {
        return mongo.findById(notification.dedupeKey(), Document.class, SEND_LOG)
                .map(sent -> sent.getString("channel"))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(sentBy -> sentBy.isPresent() ? finish(notification, sentBy.get()) : send(notification));
    }

    private Mono<Void> send(Notification notification) {
        if (channels.isEmpty()) {
            return logSent(notification, INBOX_ONLY).then(finish(notification, INBOX_ONLY));
        }
        Channel channel = channels.get(0);
        return channel.send(notification)
                .onErrorResume(error -> Mono.just(Outcome.transientFailure(null, error.toString())))
                .flatMap(outcome -> recordAttempt(notification, channel.name(), outcome)
                        .then(switch (outcome.result()) {
                            case DELIVERED -> logSent(notification, channel.name()).then(finish(notification, channel.name()));
                            case TRANSIENT -> retryOrBury(notification, outcome);
                            case PERMANENT -> bury(notification, outcome);
                        }));
    }

    private Mono<Void> logSent(Notification notification, String channel) {
        return mongo.insert(new Document("_id", notification.dedupeKey()).append("notificationId", notification.id())
                        .append("channel", channel).append("at", clock.instant()), SEND_LOG)
                .onErrorResume(DuplicateKeyException.class, duplicate -> Mono.empty())
                .then();
    }

    private Mono<Void> finish(Notification notification, String channel) {
        return release(notification, new Update().set("status", Status.DELIVERED).set("deliveredChannel", channel)
                .set("deliveredAt", clock.instant()));
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

    /** Applies the change only while this instance still holds the lease, and lets go of it. */
    private Mono<Void> release(Notification notification, Update change) {
        return mongo.updateFirst(query(where("_id").is(new ObjectId(notification.id())).and("leaseOwner").is(instance)),
                change.unset("leaseOwner").unset("leaseUntil"), Notification.class).then();
    }

    private Mono<Void> recordAttempt(Notification notification, String channel, Outcome outcome) {
        return mongo.insert(new Document("notificationId", notification.id())
                        .append("dedupeKey", notification.dedupeKey()).append("channel", channel)
                        .append("at", clock.instant()).append("result", outcome.result().name())
                        .append("errcode", outcome.errcode()).append("detail", outcome.detail())
                        .append("instance", instance), ATTEMPTS)
                .then();
    }

    private static String describe(Outcome outcome) {
        return outcome.errcode() == null ? outcome.detail() : outcome.errcode() + " " + outcome.detail();
    }
}
