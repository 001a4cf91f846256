package cn.villagecounsel.api.officialaccount;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import cn.villagecounsel.api.account.User;
import cn.villagecounsel.api.notification.OfficialAccountContacts;
import cn.villagecounsel.api.officialaccount.PendingMessages.Pending;
import cn.villagecounsel.api.question.QuestionIntake;
import cn.villagecounsel.api.question.QuestionIntake.InboundMessage;
import cn.villagecounsel.wechat.OfficialAccountCallbacks.Message;
import cn.villagecounsel.wechat.OfficialAccountUsers;
import cn.villagecounsel.wechat.WechatException;
import reactor.core.publisher.Mono;

/**
 * What a message to the Official Account does, and the text answered to it.
 * <ul>
 * <li>Every message, and a new follower, opens the person's 48-hour customer-service window.</li>
 * <li>Text from a person linked to a user (by unionid) who has chosen a village becomes a question or a follow-up
 * through {@link QuestionIntake}, after any text they wrote while we could not place them.</li>
 * <li>Text from anyone else is kept ({@link PendingMessages}) and they are asked to choose their village in the
 * mini-program.</li>
 * </ul>
 * WeChat shows our answer only if it arrives within 5 seconds and otherwise sends the message again (3 times), so the
 * work gets {@link #ANSWER_WITHIN} and then goes on in the background, and a message is handled once per
 * {@link #dedupeKey}.
 */
class OfficialAccountInbox {

    static final Duration ANSWER_WITHIN = Duration.ofSeconds(4);

    static final String RECEIVED = "已收到您的咨询，村法律顾问会尽快答复，答复会通过公众号消息或小程序通知您。";
    static final String FOLLOW_UP = "已收到您的补充说明。";
    static final String CHOOSE_VILLAGE = "您好！为了把您的问题转给您所在村（社区）的法律顾问，请先打开“村居法律顾问”小程序，"
            + "选择您所在的村（社区），再回到这里发送任意一条消息，您之前的留言会一并转交。";
    static final String CHOOSE_VILLAGE_LINK =
            "<a data-miniprogram-appid=\"%s\" data-miniprogram-path=\"pages/village/choose\">点此选择您所在的村（社区）</a>";
    static final String TEXT_ONLY = "本公众号目前只能接收文字消息，请用文字描述您的问题。照片和语音可以在“村居法律顾问”小程序里提问时上传。";
    static final String WELCOME = "感谢关注！遇到法律问题，可以直接在这里用文字描述，我们会转给您所在村（社区）的法律顾问。"
            + "预约咨询、上传照片和语音，请使用“村居法律顾问”小程序。";
    static final String STILL_WORKING = "已收到您的消息，正在处理，请稍候。";
    static final String FAILED = "抱歉，系统暂时繁忙，您的消息没有保存成功，请稍后再发送一次。";

    /**
     * Why Redis and not a Mongo collection: WeChat repeats a message only within about 15 seconds, so the mark needs
     * to live minutes, not forever, and Redis expires it by itself (the in-process MongoDB has no TTL indexes). Losing
     * the marks (a Redis restart) cannot file a message twice either: kept messages are keyed by MsgId and the
     * intake files each MsgId once. The mark also holds the answer, so a repeat gets the same one.
     */
    private static final String MARK_PREFIX = "vc:oa:msg:";
    private static final Duration MARK_FOR = Duration.ofHours(1);
    // The mark's value: this while the first delivery is handled, then the answer (Reply.stored).
    private static final String IN_PROGRESS = "P";

    private static final Logger log = LoggerFactory.getLogger(OfficialAccountInbox.class);

    /** A passive reply: a text, or none (WeChat is answered {@code success}). */
    record Reply(String text) {

        static final Reply NONE = new Reply(null);

        // In the mark: "T" + text, or "N" for none.
        String stored() {
            return text == null ? "N" : "T" + text;
        }

        static Reply fromStored(String stored) {
            return stored.startsWith("T") ? new Reply(stored.substring(1)) : NONE;
        }
    }

    private final OfficialAccountContacts contacts;
    private final Optional<OfficialAccountUsers> users;
    private final PendingMessages pending;
    private final QuestionIntake intake;
    private final ReactiveMongoTemplate mongo;
    private final ReactiveStringRedisTemplate redis;
    private final String chooseVillage;

    /**
     * @param users the account's followers at WeChat; absent without an Official Account app id, and then nobody is
     * linked to a user
     * @param miniAppId the mini-program's app id for a link to its village page; null when none is configured
     */
    OfficialAccountInbox(OfficialAccountContacts contacts, Optional<OfficialAccountUsers> users,
            PendingMessages pending, QuestionIntake intake, ReactiveMongoTemplate mongo,
            ReactiveStringRedisTemplate redis, String miniAppId) {
        this.contacts = contacts;
        this.users = users;
        this.pending = pending;
        this.intake = intake;
        this.mongo = mongo;
        this.redis = redis;
        this.chooseVillage = miniAppId == null ? CHOOSE_VILLAGE
                : CHOOSE_VILLAGE + "\n\n" + CHOOSE_VILLAGE_LINK.formatted(miniAppId);
    }

    /**
     * The answer within {@link #ANSWER_WITHIN}. The work is subscribed on its own, so neither the time limit nor a
     * dropped connection cancels it: what is late still gets filed.
     */
    Mono<Reply> answer(Message message) {
        return Mono.defer(() -> {
            CompletableFuture<Reply> work = once(message).toFuture();
            return Mono.fromFuture(work, true).timeout(ANSWER_WITHIN, Mono.fromSupplier(() -> {
                log.warn("Official Account message {} takes longer than {}; answered, still working",
                        dedupeKey(message), ANSWER_WITHIN);
                return new Reply(STILL_WORKING);
            }));
        });
    }

    /** WeChat's advice: MsgId for messages, sender and CreateTime for events (which have no MsgId). */
    static String dedupeKey(Message message) {
        return message.msgId() != null ? message.msgId()
                : "event:" + message.fromUser() + ":" + message.createTime().getEpochSecond() + ":" + message.event();
    }

    private Mono<Reply> once(Message message) {
        String mark = MARK_PREFIX + dedupeKey(message);
        return redis.opsForValue().setIfAbsent(mark, IN_PROGRESS, MARK_FOR)
                .flatMap(first -> first ? handleMarked(mark, message) : repeated(mark))
                .onErrorResume(error -> {
                    log.error("Official Account message {} failed", dedupeKey(message), error);
                    return Mono.just(new Reply(FAILED));
                });
    }

    private Mono<Reply> handleMarked(String mark, Message message) {
        return handle(message)
                .flatMap(reply -> redis.opsForValue().set(mark, reply.stored(), MARK_FOR).thenReturn(reply))
                // Unmarked, so that WeChat's next try or the person's resend is handled afresh.
                .onErrorResume(error -> redis.delete(mark).onErrorResume(ignored -> Mono.empty())
                        .then(Mono.error(error)));
    }

    /** WeChat sent it again: the first answer if there is one yet. */
    private Mono<Reply> repeated(String mark) {
        return redis.opsForValue().get(mark)
                .map(stored -> stored.equals(IN_PROGRESS) ? new Reply(STILL_WORKING) : Reply.fromStored(stored))
                .defaultIfEmpty(new Reply(STILL_WORKING));
    }

    private Mono<Reply> handle(Message message) {
        if (message.isEvent()) {
            return "subscribe".equals(message.event())
                    ? sender(message).then(Mono.just(new Reply(WELCOME)))
                    : Mono.just(Reply.NONE);
        }
        if (!message.isText()) {
            return sender(message).then(Mono.just(new Reply(TEXT_ONLY)));
        }
        return sender(message)
                .filter(user -> user.villageCode() != null)
                .flatMap(user -> file(user, message))
                .switchIfEmpty(Mono.defer(() -> pending.keep(new Pending(message.msgId(), message.fromUser(),
                        message.content(), message.createTime())).thenReturn(new Reply(chooseVillage))));
    }

    /**
     * Opens the person's customer-service window and finds the user linked by unionid, if any. The unionid is asked
     * of WeChat once and then read from the contact; without one (WeChat unavailable, an account not bound to the
     * Open Platform) the person stays unlinked.
     */
    private Mono<User> sender(Message message) {
        String openId = message.fromUser();
        return contacts.unionIdOf(openId)
                .switchIfEmpty(Mono.defer(() -> unionIdFromWechat(openId)))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(unionId -> contacts.inbound(openId, unionId.orElse(null), message.createTime())
                        .then(Mono.justOrEmpty(unionId))
                        .flatMap(id -> mongo.findOne(query(where("unionid").is(id)), User.class)));
    }

    private Mono<String> unionIdFromWechat(String openId) {
        return Mono.justOrEmpty(users).flatMap(wechat -> wechat.unionIdOf(openId))
                .onErrorResume(error -> error instanceof WechatException || error instanceof IllegalArgumentException,
                        error -> {
                            log.warn("No unionid for an Official Account follower: {}", error.getMessage());
                            return Mono.empty();
                        });
    }

    /**
     * What they wrote while unplaced goes first, each under its own MsgId, then this message. A kept message is
     * removed only after it was filed; filing it again (a crash in between) gives the same question.
     */
    private Mono<Reply> file(User user, Message message) {
        return pending.of(message.fromUser())
                .concatMap(kept -> intake.fromOfficialAccount(new InboundMessage(user.id(), user.villageCode(),
                                kept.text(), kept.msgId(), kept.receivedAt()))
                        .then(pending.remove(kept.msgId())))
                .then(intake.fromOfficialAccount(new InboundMessage(user.id(), user.villageCode(), message.content(),
                        message.msgId(), message.createTime())))
                .map(receipt -> new Reply(receipt.followUp() ? FOLLOW_UP : RECEIVED));
    }
}
