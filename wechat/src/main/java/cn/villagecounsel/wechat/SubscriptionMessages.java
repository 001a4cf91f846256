package cn.villagecounsel.wechat;

import reactor.core.publisher.Mono;

/**
 * Mini-program subscription messages ({@code subscribeMessage.send}). Present only when a mini-program is configured;
 * in sandbox mode nothing is sent to WeChat at all.
 */
public interface SubscriptionMessages {

	/**
	 * Sends one message, once: a failed send is never repeated here, because WeChat may have delivered it before the
	 * failure reached us; the caller decides whether to try again.
	 * <p>
	 * Fails with {@link WechatRecipientUnreachableException} (43101: the user has no subscription left for this
	 * template), {@link WechatRateLimitedException} (45009: the day's quota is used up), {@link WechatRejectedException}
	 * (40003 unknown openid, 40037 unknown template, 47003 data WeChat will not take, 41030 unknown page) or
	 * {@link WechatUnavailableException} (-1 busy, timeouts, I/O errors, answers that are not WeChat's).
	 */
	Mono<Void> send(SubscriptionMessage message);

}
