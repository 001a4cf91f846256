package cn.villagecounsel.api.notification;

import cn.villagecounsel.wechat.WechatException;
import reactor.core.publisher.Mono;

/**
 * One way of reaching a person outside the app (WeChat subscription message, Official Account, sandbox…). The
 * dispatcher tries a person's channels in order; a channel that cannot take a message says why and the next one
 * gets it, and what no channel takes stays in the in-app inbox.
 */
interface Channel {

    /** The stable name recorded with every attempt, e.g. {@code SUBSCRIPTION}. */
    String name();

    /**
     * Sends the message, at most once: the dispatcher decides about trying again. {@code handOver} writes the send
     * log's "sending" entry; the channel subscribes to it right before it gives the message to WeChat, after every
     * check that may still skip, so that a crash leaves that entry only around a real hand-over.
     */
    Mono<Outcome> send(Notification notification, Mono<Void> handOver);

    /** What a send came to; {@code errcode} is WeChat's, when it gave one; {@code detail} is Chinese for staff. */
    record Outcome(Result result, Integer errcode, String detail) {

        static Outcome delivered() {
            return new Outcome(Result.DELIVERED, null, null);
        }

        static Outcome skipped(Integer errcode, String reason) {
            return new Outcome(Result.SKIPPED, errcode, reason);
        }

        static Outcome transientFailure(Integer errcode, String detail) {
            return new Outcome(Result.TRANSIENT, errcode, detail);
        }

        static Outcome permanentFailure(Integer errcode, String detail) {
            return new Outcome(Result.PERMANENT, errcode, detail);
        }

        /** WeChat's errcode in a failure, when it is one ("timeout" and the like are not). */
        static Integer errcodeOf(WechatException failure) {
            String code = failure.errcodeOrReason();
            return code != null && code.matches("-?\\d{1,9}") ? Integer.valueOf(code) : null;
        }
    }

    enum Result {
        DELIVERED,
        /** Nothing was sent: this channel cannot reach the person now (no subscription left, window closed…). */
        SKIPPED,
        /** Worth retrying later (timeouts, WeChat busy). */
        TRANSIENT,
        /** Retrying cannot help (invalid template, user unknown). */
        PERMANENT
    }
}
