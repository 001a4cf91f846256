package cn.villagecounsel.api.notification;

import cn.villagecounsel.api.notification.OfficialAccountContacts.Contact;
import cn.villagecounsel.wechat.OfficialAccountMessages;
import cn.villagecounsel.wechat.WechatException;
import cn.villagecounsel.wechat.WechatRateLimitedException;
import cn.villagecounsel.wechat.WechatRecipientUnreachableException;
import cn.villagecounsel.wechat.WechatRejectedException;
import reactor.core.publisher.Mono;

/**
 * Official Account customer-service messages, for people who wrote to the account in the last 48 hours and have
 * messages left in that window (see {@link OfficialAccountContacts}).
 */
class OfficialAccountChannel implements Channel {

    static final String NAME = "OFFICIAL_ACCOUNT";

    private final OfficialAccountMessages messages;
    private final OfficialAccountContacts contacts;
    private final SendRates rates;

    OfficialAccountChannel(OfficialAccountMessages messages, OfficialAccountContacts contacts, SendRates rates) {
        this.messages = messages;
        this.contacts = contacts;
        this.rates = rates;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Mono<Outcome> send(Notification notification, Mono<Void> handOver) {
        return rates.paused(NAME).flatMap(paused -> paused
                ? Mono.just(Outcome.skipped(45009, "公众号客服消息今日发送额度已用完，明日恢复"))
                : contacts.take(notification.recipientId())
                        .flatMap(contact -> send(notification, contact, handOver))
                        .defaultIfEmpty(Outcome.skipped(null, "用户 48 小时内没有给公众号发过消息，或可发条数已用完")));
    }

    private Mono<Outcome> send(Notification notification, Contact contact, Mono<Void> handOver) {
        return rates.pace(NAME)
                .then(handOver.onErrorResume(error -> contacts.giveBack(contact.openId()).then(Mono.error(error))))
                .then(messages.sendText(contact.openId(), text(notification)))
                .thenReturn(Outcome.delivered())
                .onErrorResume(WechatException.class, failure -> failed(contact, failure));
    }

    private Mono<Outcome> failed(Contact contact, WechatException failure) {
        Integer errcode = Outcome.errcodeOf(failure);
        if (failure instanceof WechatRecipientUnreachableException) {
            return contacts.close(contact.openId())
                    .thenReturn(Outcome.skipped(errcode, "已超过公众号 48 小时回复时限或可发条数已用完"));
        }
        if (failure instanceof WechatRejectedException) {
            // Unfollowed, or an openid WeChat no longer knows: another channel may still reach the person.
            return contacts.close(contact.openId())
                    .thenReturn(Outcome.skipped(errcode, "微信拒收客服消息（错误码 " + errcode + "），用户可能已取消关注"));
        }
        Mono<Void> giveBack = contacts.giveBack(contact.openId());
        if (failure instanceof WechatRateLimitedException) {
            return giveBack.then(rates.pauseForToday(NAME))
                    .thenReturn(Outcome.skipped(errcode, "公众号客服消息今日发送额度已用完，明日恢复"));
        }
        return giveBack.thenReturn(Outcome.transientFailure(errcode, "微信暂时不可用（" + failure.errcodeOrReason() + "）"));
    }

    /** WeChat's text limit is generous (2048 bytes); long bodies point to the inbox. */
    static String text(Notification notification) {
        String body = notification.body() == null ? "" : notification.body();
        if (body.length() > 300) {
            body = body.substring(0, 299) + "…（详见小程序“我的消息”）";
        }
        return body.isEmpty() ? notification.title() : notification.title() + "\n" + body;
    }
}
