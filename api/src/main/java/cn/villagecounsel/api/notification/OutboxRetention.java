package cn.villagecounsel.api.notification;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.mongodb.client.result.DeleteResult;

import reactor.core.publisher.Mono;

/**
 * Keeps the outbox's records of how messages went — attempts, sandbox sends, finished send-log entries — for
 * {@code vc.notifications.retention} (90 days) and removes older ones every night. The notifications themselves stay:
 * they are the people's inboxes. A send-log entry still {@code SENDING} is kept whatever its age: it is what marks an
 * unconfirmed message.
 */
@Component
class OutboxRetention {

    private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);

    private final ReactiveMongoTemplate mongo;
    private final NotificationProperties properties;
    private final Clock clock;

    OutboxRetention(ReactiveMongoTemplate mongo, NotificationProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    /** Deferred: Spring subscribes to the same Mono every night, and each night has its own cut-off. */
    @Scheduled(cron = "${vc.notifications.retention-cron:0 40 3 * * *}", zone = "Asia/Shanghai")
    Mono<Void> nightly() {
        return Mono.defer(this::removeExpired)
                .doOnNext(removed -> log.info("Outbox retention removed {} records older than {}", removed,
                        properties.retention()))
                .onErrorResume(error -> {
                    log.warn("Outbox retention failed; the next night retries", error);
                    return Mono.empty();
                })
                .then();
    }

    /** Removes what is older than the retention period; answers how many records went. */
    Mono<Long> removeExpired() {
        Instant cutoff = clock.instant().minus(properties.retention());
        return Mono.zip(
                        mongo.remove(query(where("at").lt(cutoff)), Dispatcher.ATTEMPTS),
                        mongo.remove(query(where("at").lt(cutoff)), SandboxChannel.COLLECTION),
                        mongo.remove(query(where("state").is(Dispatcher.SENT).and("at").lt(cutoff)),
                                Dispatcher.SEND_LOG))
                .map(removed -> count(removed.getT1()) + count(removed.getT2()) + count(removed.getT3()));
    }

    private static long count(DeleteResult result) {
        return result.getDeletedCount();
    }
}
