package cn.villagecounsel.wechat;

import reactor.core.publisher.Mono;

/**
 * Official Account customer-service messages ({@code message/custom/send}): allowed only within 48 hours of the
 * person's last message to the account, and only a few per message they wrote. Present only when an Official Account
 * is configured ({@code vc.wechat.official-account.app-id}).
 */
public interface OfficialAccountMessages {

	/**
	 * Sends a text message to a follower, once (never repeated here; see {@link SubscriptionMessages#send}).
	 * <p>
	 * Fails with {@link WechatRecipientUnreachableException} (45015: more than 48 hours since the person wrote; 45047:
	 * no more messages allowed until they write again), {@link WechatRateLimitedException} (45009),
	 * {@link WechatRejectedException} (40003 unknown openid, 43004 no longer a follower, 45002 text too long) or
	 * {@link WechatUnavailableException}.
	 * @param openId the person's openid in the Official Account (not the mini-program's)
	 */
	Mono<Void> sendText(String openId, String text);

}
