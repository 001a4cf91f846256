package cn.villagecounsel.wechat;

import java.util.regex.Pattern;

import me.chanjar.weixin.mp.api.WxMpService;
import reactor.core.publisher.Mono;

/**
 * Follower look-ups through WxJava's Official Account {@code user/info}, behind the blocking boundary of
 * {@link WechatCalls}.
 */
final class WxJavaOfficialAccountUsers implements OfficialAccountUsers {

	// WxJava appends the openid to the URL as it is; WeChat's openids are 28 of these characters.
	private static final Pattern OPENID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final WxMpService service;

	private final WechatCalls calls;

	WxJavaOfficialAccountUsers(WxMpService service, WechatCalls calls) {
		this.service = service;
		this.calls = calls;
	}

	@Override
	public Mono<String> unionIdOf(String openId) {
		if (openId == null || !OPENID.matcher(openId).matches()) {
			return Mono.error(new IllegalArgumentException("openId must be 1-64 of [A-Za-z0-9_-]"));
		}
		// A read: transient failures may be retried.
		return this.calls
			.call("user/info", () -> this.service.getUserService().userInfo(openId).getUnionId(),
					WxJavaOfficialAccountUsers::exception)
			.filter(unionId -> !unionId.isBlank());
	}

	private static WechatException exception(int errcode) {
		return switch (errcode) {
			case 45009, 45011 -> new WechatRateLimitedException(String.valueOf(errcode));
			case 40003 -> new WechatRejectedException(String.valueOf(errcode));
			default -> null;
		};
	}

}
