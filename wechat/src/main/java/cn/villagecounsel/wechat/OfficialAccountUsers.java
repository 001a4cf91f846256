package cn.villagecounsel.wechat;

import reactor.core.publisher.Mono;

/**
 * Followers of the Official Account ({@code cgi-bin/user/info}). Present only when an Official Account is configured
 * ({@code vc.wechat.official-account.app-id}).
 */
public interface OfficialAccountUsers {

	/**
	 * The follower's unionid, which is the same in the mini-program when both belong to one WeChat Open Platform
	 * account; empty when the account is not bound to one.
	 * <p>
	 * Fails with {@link IllegalArgumentException} for an openid that is not 1-64 of {@code [A-Za-z0-9_-]} (without
	 * calling WeChat), {@link WechatRejectedException} (40003: unknown openid), {@link WechatRateLimitedException}
	 * (45009) or {@link WechatUnavailableException}.
	 * @param openId the follower's openid in the Official Account
	 */
	Mono<String> unionIdOf(String openId);

}
