package cn.villagecounsel.wechat;

import java.util.List;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.bean.WxMaSubscribeMessage;
import reactor.core.publisher.Mono;

/**
 * Subscription messages through WxJava's {@code subscribeMessage.send}, behind the blocking boundary of
 * {@link WechatCalls}.
 */
final class WxJavaSubscriptionMessages implements SubscriptionMessages {

	private final WxMaService service;

	private final WechatCalls calls;

	private final String miniprogramState;

	/**
	 * @param envVersion which version of the mini-program the message opens: release, trial or develop
	 */
	WxJavaSubscriptionMessages(WxMaService service, WechatCalls calls, String envVersion) {
		this.service = service;
		this.calls = calls;
		this.miniprogramState = switch (envVersion) {
			case "trial" -> "trial";
			case "develop" -> "developer";
			default -> "formal";
		};
	}

	@Override
	public Mono<Void> send(SubscriptionMessage message) {
		List<WxMaSubscribeMessage.MsgData> data = message.data()
			.entrySet()
			.stream()
			.map(field -> new WxMaSubscribeMessage.MsgData(field.getKey(), field.getValue()))
			.toList();
		WxMaSubscribeMessage request = WxMaSubscribeMessage.builder()
			.toUser(message.openId())
			.templateId(message.templateId())
			.page(message.page())
			.data(data)
			.miniprogramState(this.miniprogramState)
			.lang("zh_CN")
			.build();
		return this.calls.callOnce("subscribeMessage.send", () -> {
			this.service.getMsgService().sendSubscribeMsg(request);
			return Boolean.TRUE;
		}, WxJavaSubscriptionMessages::exception).then();
	}

	private static WechatException exception(int errcode) {
		return switch (errcode) {
			case 43101 -> new WechatRecipientUnreachableException(String.valueOf(errcode));
			case 45009 -> new WechatRateLimitedException(String.valueOf(errcode));
			// unknown openid, unknown template, data WeChat will not take, unknown page
			case 40003, 40037, 47003, 41030 -> new WechatRejectedException(String.valueOf(errcode));
			default -> null;
		};
	}

}
