package cn.villagecounsel.wechat;

import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.kefu.WxMpKefuMessage;
import reactor.core.publisher.Mono;

/**
 * Customer-service messages through WxJava's Official Account {@code message/custom/send}, behind the blocking
 * boundary of {@link WechatCalls}.
 */
final class WxJavaOfficialAccountMessages implements OfficialAccountMessages {

	private final WxMpService service;

	private final WechatCalls calls;

	WxJavaOfficialAccountMessages(WxMpService service, WechatCalls calls) {
		this.service = service;
		this.calls = calls;
	}

	@Override
	public Mono<Void> sendText(String openId, String text) {
		if (openId == null || openId.isBlank() || text == null || text.isBlank()) {
			return Mono.error(new IllegalArgumentException("openId and text are required"));
		}
		WxMpKefuMessage message = WxMpKefuMessage.TEXT().toUser(openId).content(text).build();
		return this.calls.callOnce("message/custom/send", () -> this.service.getKefuService().sendKefuMessage(message),
				WxJavaOfficialAccountMessages::exception)
			.then();
	}

	private static WechatException exception(int errcode) {
		return switch (errcode) {
			case 45015, 45047 -> new WechatRecipientUnreachableException(String.valueOf(errcode));
			case 45009 -> new WechatRateLimitedException(String.valueOf(errcode));
			// unknown openid, no longer a follower, text too long
			case 40003, 43004, 45002 -> new WechatRejectedException(String.valueOf(errcode));
			default -> null;
		};
	}

}
