package cn.villagecounsel.api.notification;

import java.time.Clock;

import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import reactor.core.publisher.Mono;

/**
 * Without WeChat credentials nothing leaves the machine: a send is recorded as delivered to the sandbox
 * ({@code notification_sandbox}), where admins can read what would have been sent.
 */
class SandboxChannel implements Channel {

    static final String COLLECTION = "notification_sandbox";

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    SandboxChannel(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "SANDBOX";
    }

    @Override
    public Mono<Outcome> send(Notification notification, Mono<Void> handOver) {
        return handOver.then(mongo.insert(new Document("notificationId", notification.id())
                        .append("dedupeKey", notification.dedupeKey())
                        .append("recipientId", notification.recipientId())
                        .append("template", notification.template())
                        .append("title", notification.title())
                        .append("regionCode", notification.regionCode())
                        .append("at", clock.instant()), COLLECTION))
                .thenReturn(Outcome.delivered());
    }
}
