package cn.villagecounsel.wechat;

import reactor.core.publisher.Mono;

/**
 * Mini-program sign-in: turns a {@code wx.login} code into the user's WeChat identity.
 */
public interface MiniProgramAuth {

	/**
	 * Exchanges a wx.login code for the user's identity.
	 * <p>
	 * Fails with {@link WechatCodeInvalidException}, {@link WechatRateLimitedException} or
	 * {@link WechatUnavailableException}.
	 */
	Mono<WechatSession> code2Session(String code);

	/**
	 * True when no app is configured and codes of the form "sandbox:&lt;name&gt;" sign in fake users.
	 */
	boolean sandbox();

}
