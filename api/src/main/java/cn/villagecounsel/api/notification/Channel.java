package cn.villagecounsel.api.notification;

import reactor.core.publisher.Mono;

/** One way of reaching a person outside the app (WeChat subscription message, Official Account, sandbox…). */
interface Channel {

    /** The stable name recorded with every attempt, e.g. {@code SANDBOX}. */
    String name();

    Mono<Outcome> send(Notification notification);

    /** What a send came to; {@code errcode} is WeChat's, when it gave one. */
    record Outcome(Result result, Integer errcode, String detail) {

        static Outcome delivered() {
            return new Outcome(Result.DELIVERED, null, null);
        }

        static Outcome transientFailure(Integer errcode, String detail) {
            return new Outcome(Result.TRANSIENT, errcode, detail);
        }

        static Outcome permanentFailure(Integer errcode, String detail) {
            return new Outcome(Result.PERMANENT, errcode, detail);
        }
    }

    enum Result {
        DELIVERED,
        /** Worth retrying later (timeouts, WeChat busy). */
        TRANSIENT,
        /** Retrying cannot help (invalid template, user unknown). */
        PERMANENT
    }
}
