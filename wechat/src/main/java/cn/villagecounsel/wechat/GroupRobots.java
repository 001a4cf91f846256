package cn.villagecounsel.wechat;

import reactor.core.publisher.Mono;

/**
 * WeCom group robots (企业微信群机器人): a message to a whole staff group through the robot's webhook. Each robot takes
 * at most 20 messages a minute. Present only when WeChat is configured (not in sandbox mode).
 */
public interface GroupRobots {

	/** Markdown content WeCom takes at most, in UTF-8 bytes. */
	int MAX_MARKDOWN_BYTES = 4096;

	/**
	 * Posts a markdown message, once (never repeated here; see {@link SubscriptionMessages#send}).
	 * <p>
	 * Fails with {@link IllegalArgumentException} for a malformed key or content over {@link #MAX_MARKDOWN_BYTES},
	 * {@link WechatRateLimitedException} (45009: the robot's 20 a minute), {@link WechatRejectedException} (93000: the
	 * webhook key is unknown, e.g. the robot was removed) or {@link WechatUnavailableException}.
	 * @param webhookKey the {@code key} of the robot's webhook URL: a secret, never logged
	 */
	Mono<Void> sendMarkdown(String webhookKey, String markdown);

}
