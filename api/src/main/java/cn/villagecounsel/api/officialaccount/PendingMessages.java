package cn.villagecounsel.api.officialaccount;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.scheduling.annotation.Scheduled;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Text from people we cannot place yet (no linked user, or no village chosen), kept for {@link #KEPT_FOR} so that it
 * reaches an advisor once they have chosen their village and write again. The in-process MongoDB has no TTL indexes,
 * so a nightly cleanup removes what is older; reads skip it in between.
 */
class PendingMessages {

    static final String COLLECTION = "oa_pending";
    static final Duration KEPT_FOR = Duration.ofDays(7);
    /** A stranger cannot fill the collection: later messages are answered but not kept. */
    static final int MAX_PER_SENDER = 20;

    private static final Logger log = LoggerFactory.getLogger(PendingMessages.class);

    /** {@code _id} is WeChat's MsgId, so keeping the same message again changes nothing. */
    @Document(COLLECTION)
    record Pending(@Id String msgId, @Indexed String openId, String text, Instant receivedAt) {
    }

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    PendingMessages(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    Mono<Void> keep(Pending message) {
        return mongo.count(query(where("openId").is(message.openId())), Pending.class)
                .flatMap(kept -> kept >= MAX_PER_SENDER ? Mono.empty() : mongo.save(message))
                .then();
    }

    /** The sender's messages of the last {@link #KEPT_FOR}, oldest first. */
    Flux<Pending> of(String openId) {
        return mongo.find(query(where("openId").is(openId).and("receivedAt").gt(clock.instant().minus(KEPT_FOR)))
                .with(Sort.by("receivedAt", "_id")), Pending.class);
    }

    Mono<Void> remove(String msgId) {
        return mongo.remove(query(where("_id").is(msgId)), Pending.class).then();
    }

    /** Deferred: Spring subscribes to the same Mono every night, and each night has its own cut-off. */
    @Scheduled(cron = "0 50 3 * * *", zone = "Asia/Shanghai")
    Mono<Void> nightly() {
        return Mono.defer(this::removeExpired)
                .doOnNext(removed -> log.info("Removed {} Official Account messages kept longer than {}", removed,
                        KEPT_FOR))
                .onErrorResume(error -> {
                    log.warn("Cleaning up Official Account messages failed; the next night retries", error);
                    return Mono.empty();
                })
                .then();
    }

    Mono<Long> removeExpired() {
        return mongo.remove(query(where("receivedAt").lt(clock.instant().minus(KEPT_FOR))), Pending.class)
                .map(result -> result.getDeletedCount());
    }
}
