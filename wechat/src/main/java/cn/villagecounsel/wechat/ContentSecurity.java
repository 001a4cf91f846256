package cn.villagecounsel.wechat;

import reactor.core.publisher.Mono;

/**
 * WeChat's content-security check of user text ({@code wxa/msg_sec_check}, version 2). In sandbox mode every text
 * passes.
 */
public interface ContentSecurity {

	/** WeChat's suggestion for a text. */
	enum Suggestion {

		/** Nothing found. */
		PASS,
		/** Possibly problematic: hold it for a person to look at. */
		REVIEW,
		/** Refuse it. */
		RISKY

	}

	/**
	 * @param suggestion what WeChat suggests
	 * @param label WeChat's label code for the finding (100 normal, 20001 politics, 20002 porn, 20006 crime...), 0
	 * when unknown
	 */
	record Verdict(Suggestion suggestion, int label) {
	}

	/**
	 * Checks a text written by a mini-program user.
	 * <p>
	 * Fails with {@link WechatRejectedException} when WeChat cannot check it for this user (61010: the openid has not
	 * used the mini-program in the last 2 hours; 40003: unknown openid), {@link WechatRateLimitedException} or
	 * {@link WechatUnavailableException}.
	 * @param openId the writer's mini-program openid
	 * @param text the text, at most 2,500 characters
	 */
	Mono<Verdict> checkText(String openId, String text);

}
