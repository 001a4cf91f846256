package cn.villagecounsel.api.notification;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One message to one person, and its delivery state in the outbox. The dedupe key (e.g.
 * {@code booking:42:confirmed}) is unique, so the same event enqueued twice — a retried request, two
 * instances — is one notification. Ids are ObjectIds in hex: they grow with time, so the inbox pages by id.
 * A dispatcher holds a message while {@code leaseUntil} lies ahead; a crashed dispatcher's lease simply runs out.
 * {@code leaseVersion} changes with every claim and every change a dispatcher or admin makes: claims and releases are
 * compare-and-set on ({@code _id}, {@code leaseVersion}), an exact key that any MongoDB answers from an index.
 * {@code note} says why a message reached the person by another channel than the first (no subscription left…).
 */
@Document("notifications")
@CompoundIndex(name = "inbox", def = "{'recipientId': 1, '_id': -1}")
@CompoundIndex(name = "due", def = "{'status': 1, 'nextAttemptAt': 1}")
@CompoundIndex(name = "lease", def = "{'_id': 1, 'leaseVersion': 1}", unique = true)
public record Notification(
        @Id String id,
        String recipientId,
        String template,
        String title,
        String body,
        Map<String, String> data,
        @Indexed(unique = true) String dedupeKey,
        String regionCode,
        Instant createdAt,
        Instant dueAt,
        Instant readAt,
        Status status,
        int attempts,
        Instant nextAttemptAt,
        String leaseOwner,
        Instant leaseUntil,
        Long leaseVersion,
        String deliveredChannel,
        Instant deliveredAt,
        String lastError,
        String note) {

    public enum Status {
        /** Waiting for its time or its next attempt. */
        PENDING,
        /** Handed to a channel (or only to the inbox when no channel applies). */
        DELIVERED,
        /** Failed for good; {@code lastError} says why. */
        DEAD,
        /**
         * A dispatcher stopped (crashed) while handing it to WeChat, so whether WeChat got it is unknown. It is not
         * sent again by itself — a dedupe key goes out at most once — but it is in the inbox, and an admin may retry.
         */
        UNCONFIRMED,
        /** Taken back before it was sent, e.g. the reminder of a booking that was cancelled; not in the inbox. */
        WITHDRAWN
    }

    /** Group robots are addressed as {@code robot:<id>}; everyone else by user id. */
    static final String ROBOT_PREFIX = "robot:";

    boolean toRobot() {
        return recipientId != null && recipientId.startsWith(ROBOT_PREFIX);
    }

    String robotId() {
        return recipientId.substring(ROBOT_PREFIX.length());
    }
}
