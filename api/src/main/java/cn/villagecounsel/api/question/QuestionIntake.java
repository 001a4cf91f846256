package cn.villagecounsel.api.question;

import java.time.Instant;

import reactor.core.publisher.Mono;

/** Where messages from outside the mini-program become questions: the Official Account's callback uses it. */
public interface QuestionIntake {

    /**
     * A text message from a person known to us, whose village we know.
     *
     * @param userId the user the sender is linked to (by unionid)
     * @param villageCode the sender's village
     * @param text what they wrote
     * @param messageId WeChat's MsgId: the same message received twice gives the same question
     * @param receivedAt when WeChat received it
     */
    record InboundMessage(String userId, String villageCode, String text, String messageId, Instant receivedAt) {
    }

    /** Where the message went. */
    record Receipt(String questionId, boolean followUp) {
    }

    /**
     * Files the message: as a follow-up of the sender's question still being handled (open, claimed, or answered less
     * than a day ago), else as a new question of their village under the topic OTHER. Safe to repeat.
     */
    Mono<Receipt> fromOfficialAccount(InboundMessage message);
}
