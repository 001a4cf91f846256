package cn.villagecounsel.api.notification;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One-time subscription messages: each time a user accepts a template in {@code wx.requestSubscribeMessage}
 * WeChat allows one send of it. The credits are counted here, per user and template; a send spends one by a
 * conditional update, so two dispatchers can never spend the same credit.
 */
@Service
class SubscriptionCredits {

    @Document("subscription_credits")
    record Credit(@Id String id, String userId, String templateId, int credits, Instant updatedAt) {
    }

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    SubscriptionCredits(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Records what the user answered for one template; only {@code accept} adds a credit. */
    Mono<Credit> record(String userId, String templateId, String result) {
        Update update = new Update().setOnInsert("userId", userId).setOnInsert("templateId", templateId)
                .set("updatedAt", clock.instant());
        update = "accept".equals(result) ? update.inc("credits", 1) : update.setOnInsert("credits", 0);
        return mongo.findAndModify(query(where("_id").is(key(userId, templateId))), update,
                FindAndModifyOptions.options().upsert(true).returnNew(true), Credit.class);
    }

    Flux<Credit> of(String userId) {
        return mongo.find(query(where("userId").is(userId)).with(Sort.by("templateId")), Credit.class);
    }

    /** Takes one credit if there is one: true when this send may go to WeChat. */
    Mono<Boolean> spend(String userId, String templateId) {
        return mongo.findAndModify(query(where("_id").is(key(userId, templateId)).and("credits").gt(0)),
                        new Update().inc("credits", -1).set("updatedAt", clock.instant()), Credit.class)
                .hasElement();
    }

    /** A spent credit WeChat did not use (the send failed before WeChat took it). */
    Mono<Void> refund(String userId, String templateId) {
        return mongo.updateFirst(query(where("_id").is(key(userId, templateId))),
                new Update().inc("credits", 1).set("updatedAt", clock.instant()), Credit.class).then();
    }

    /** WeChat said 43101 (no consent left): our count was wrong, so none is left. */
    Mono<Void> exhausted(String userId, String templateId) {
        return mongo.updateFirst(query(where("_id").is(key(userId, templateId))),
                new Update().set("credits", 0).set("updatedAt", clock.instant()), Credit.class).then();
    }

    private static String key(String userId, String templateId) {
        return userId + ":" + templateId;
    }
}
