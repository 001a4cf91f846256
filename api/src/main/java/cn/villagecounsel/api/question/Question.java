package cn.villagecounsel.api.question;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import cn.villagecounsel.api.common.LegalTopic;
import cn.villagecounsel.api.common.Role;

/**
 * A question and everything that happened to it, in one document: its thread, its history and the claim. Every
 * change is a compare-and-set on {@code revision}, so two advisors can never both hold it, and the history is
 * exactly what happened. {@code pendingNotices} is the question's own outbox: an event is written with the state
 * change and taken off once its notifications are queued; the sweep queues what a crash left behind.
 */
@Document("questions")
record Question(
        @Id String id,
        @Indexed(unique = true) String requestKey,
        String villageCode,
        String townshipCode,
        String countyCode,
        LegalTopic topic,
        String text,
        List<String> attachmentIds,
        boolean urgent,
        boolean greenChannel,
        int priority,
        Channel channel,
        ContentCheck contentCheck,
        @Indexed String askedBy,
        String askerName,
        String askerPhone,
        boolean callbackAllowed,
        Neighbour neighbour,
        @Indexed Status status,
        PoolLevel poolLevel,
        Instant escalateAt,
        Claim claim,
        List<String> involvedAdvisorIds,
        String lastAnswererId,
        List<Message> messages,
        List<HistoryEntry> history,
        Rating rating,
        Instant askedAt,
        Instant firstClaimedAt,
        Instant firstAnsweredAt,
        Instant answeredAt,
        Instant closedAt,
        List<String> slaAlerts,
        @Indexed boolean digested,
        List<PendingNotice> pendingNotices,
        long revision,
        Instant updatedAt) {

    enum Status {
        HELD_FOR_REVIEW("待审核"),
        OPEN("待认领"),
        CLAIMED("解答中"),
        ANSWERED("已答复"),
        CLOSED("已解决"),
        REJECTED("未通过审核");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** Who may claim an open question: its village's advisors, then the township's, then the county's. */
    enum PoolLevel {
        VILLAGE, TOWNSHIP, COUNTY;

        PoolLevel wider() {
            return this == VILLAGE ? TOWNSHIP : COUNTY;
        }
    }

    enum Channel {
        MINI_PROGRAM, OFFICIAL_ACCOUNT
    }

    /** WeChat's content check of the text; {@code UNCHECKED} when WeChat could not check it (it is not held up). */
    enum ContentCheck {
        PASS, REVIEW, UNCHECKED
    }

    enum ConsentMethod {
        VERBAL, WRITTEN, THUMBPRINT
    }

    /** A neighbour a legal-savvy resident asks for; the phone is encrypted. */
    record Neighbour(String name, String phone, ConsentMethod consent, String consentNote, Instant consentAt) {
    }

    /** The advisor holding the question until {@code leaseUntil}. */
    record Claim(String advisorId, String userId, String advisorName, Instant claimedAt, Instant leaseUntil) {
    }

    enum MessageKind {
        QUESTION, FOLLOW_UP, ANSWER, REFERRAL
    }

    enum Referral {
        BOOKING("建议预约面谈"),
        LEGAL_AID("建议申请法律援助");

        private final String label;

        Referral(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** A publicity article sent with an answer (服务+普法). */
    record Article(String title, String url) {
    }

    /** One message of the thread; messages are only ever appended. */
    record Message(String id, MessageKind kind, String authorId, Role authorRole, String authorName, String text,
            List<String> attachmentIds, Article article, Referral referral, Instant at) {
    }

    record HistoryEntry(Instant at, String action, String actorId, String actorName, Role actorRole, Status fromStatus,
            Status toStatus, String note) {
    }

    record Rating(int stars, List<String> tags, String comment, Instant at) {
    }

    /** A state change whose notifications are not queued yet; {@code key} makes them unique. */
    record PendingNotice(String event, String key, Instant at) {
    }

    static int priorityOf(boolean urgent, boolean greenChannel) {
        return urgent ? 0 : greenChannel ? 1 : 2;
    }

    static String requestKey(String userId, String idempotencyKey) {
        return userId + "/" + idempotencyKey;
    }

    boolean isAskedBy(String userId) {
        return userId.equals(askedBy);
    }

    boolean heldBy(String advisorId) {
        return status == Status.CLAIMED && claim != null && claim.advisorId().equals(advisorId);
    }

    /** Open to claims: in the queue, or held on a lease that has run out. */
    boolean claimable(Instant now) {
        return status == Status.OPEN || status == Status.CLAIMED && claim != null && claim.leaseUntil().isBefore(now);
    }

    Message lastAnswer() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).kind() == MessageKind.ANSWER || messages.get(i).kind() == MessageKind.REFERRAL) {
                return messages.get(i);
            }
        }
        return null;
    }
}
