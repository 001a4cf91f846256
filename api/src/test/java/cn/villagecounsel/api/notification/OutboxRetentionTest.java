package cn.villagecounsel.api.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import cn.villagecounsel.api.IntegrationTest;

@IntegrationTest
class OutboxRetentionTest {

    @Autowired
    OutboxRetention retention;

    @Autowired
    Notifications notifications;

    @Autowired
    NotificationProperties properties;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    Clock clock;

    @Test
    void oldRecordsGoButInboxesAndUnconfirmedHandOversStay() {
        String run = UUID.randomUUID().toString();
        Instant old = clock.instant().minus(properties.retention()).minus(Duration.ofDays(1));
        Instant recent = clock.instant().minus(Duration.ofDays(1));
        for (String collection : new String[] { Dispatcher.ATTEMPTS, SandboxChannel.COLLECTION }) {
            mongo.insert(new Document("dedupeKey", run + ":old").append("at", old), collection).block();
            mongo.insert(new Document("dedupeKey", run + ":recent").append("at", recent), collection).block();
        }
        insertLog(run + ":sent-old", Dispatcher.SENT, old);
        insertLog(run + ":sent-recent", Dispatcher.SENT, recent);
        insertLog(run + ":sending-old", Dispatcher.SENDING, old);
        Notification inbox = notifications.enqueue(new NewNotification("retention-user", "test.retention", "旧消息", "内容",
                Map.of(), run + ":inbox", "621025100201", null)).block(Duration.ofSeconds(5));

        assertThat(retention.removeExpired().block(Duration.ofSeconds(30))).isGreaterThanOrEqualTo(3);

        for (String collection : new String[] { Dispatcher.ATTEMPTS, SandboxChannel.COLLECTION }) {
            assertThat(keys(collection, "dedupeKey", run)).containsExactly(run + ":recent");
        }
        assertThat(keys(Dispatcher.SEND_LOG, "_id", run)).containsExactlyInAnyOrder(run + ":sent-recent",
                run + ":sending-old");
        assertThat(mongo.exists(query(where("_id").is(new ObjectId(inbox.id()))), Notification.class)
                .block(Duration.ofSeconds(5))).isTrue();
    }

    private void insertLog(String key, String state, Instant at) {
        mongo.insert(new Document("_id", key).append("state", state).append("at", at), Dispatcher.SEND_LOG)
                .block(Duration.ofSeconds(5));
    }

    private List<String> keys(String collection, String field, String run) {
        return mongo.find(query(where(field).regex("^" + run)), Document.class, collection)
                .map(document -> document.getString(field)).collectList().block(Duration.ofSeconds(5));
    }
}
