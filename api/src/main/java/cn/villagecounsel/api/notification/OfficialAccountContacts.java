package cn.villagecounsel.api.notification;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.account.User;
import reactor.core.publisher.Mono;

/**
 * Who wrote to the Official Account and when: WeChat allows customer-service messages to a person only within 48
 * hours of their last message, and only {@link #MESSAGES_PER_WINDOW} of them. The account's callback (the
 * questions feature) reports each message it receives; the channel spends from the window.
 */
@Service
public class OfficialAccountContacts {

    static final Duration WINDOW = Duration.ofHours(48);
    static final int MESSAGES_PER_WINDOW = 5;

    /** One follower of the Official Account; {@code userId} is known when their unionid matches a user's. */
    @Document("oa_contacts")
    record Contact(@Id String openId, String unionId, @Indexed String userId, Instant lastInboundAt, int sent) {
    }

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    OfficialAccountContacts(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * The person wrote to the Official Account at {@code at}: a new 48-hour window with a fresh allowance. They are
     * linked to the user with the same unionid (both the mini-program and the account belong to one WeChat Open
     * Platform account).
     */
    public Mono<Void> inbound(String openId, String unionId, Instant at) {
        Mono<String> userId = unionId == null ? Mono.empty()
                : mongo.findOne(query(where("unionid").is(unionId)), User.class).map(User::id);
        return userId.map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(user -> mongo.upsert(query(where("_id").is(openId).orOperator(
                                where("lastInboundAt").lt(at), where("lastInboundAt").is(null))),
                        linked(new Update().set("lastInboundAt", at).set("sent", 0), unionId, user), Contact.class)
                        .onErrorResume(DuplicateKeyException.class,
                                // An older message arriving late: the newer window stands.
                                duplicate -> Mono.empty()))
                .then();
    }

    private static Update linked(Update update, String unionId, Optional<String> userId) {
        if (unionId != null) {
            update.set("unionId", unionId);
        }
        userId.ifPresent(id -> update.set("userId", id));
        return update;
    }

    /** The follower's unionid as WeChat gave it to {@link #inbound}; empty when not known yet. */
    public Mono<String> unionIdOf(String openId) {
        return mongo.findById(openId, Contact.class).mapNotNull(Contact::unionId);
    }

    /** Takes one message from the user's open window: the contact to send to, or empty when none is open. */
    Mono<Contact> take(String userId) {
        return mongo.findAndModify(query(where("userId").is(userId)
                        .and("lastInboundAt").gt(clock.instant().minus(WINDOW))
                        .and("sent").lt(MESSAGES_PER_WINDOW)).with(Sort.by(Sort.Direction.DESC, "lastInboundAt")),
                new Update().inc("sent", 1), FindAndModifyOptions.options().returnNew(true), Contact.class);
    }

    /** A message WeChat did not take does not count. */
    Mono<Void> giveBack(String openId) {
        return mongo.updateFirst(query(where("_id").is(openId).and("sent").gt(0)), new Update().inc("sent", -1),
                Contact.class).then();
    }

    /** WeChat says the window is closed (45015, 45047): nothing more until the person writes again. */
    Mono<Void> close(String openId) {
        return mongo.updateFirst(query(where("_id").is(openId)), new Update().set("sent", MESSAGES_PER_WINDOW),
                Contact.class).then();
    }
}
