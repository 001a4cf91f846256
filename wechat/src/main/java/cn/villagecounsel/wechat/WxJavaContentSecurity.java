package cn.villagecounsel.wechat;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.bean.security.WxMaMsgSecCheckCheckRequest;
import cn.binarywang.wx.miniapp.bean.security.WxMaMsgSecCheckCheckResponse;
import reactor.core.publisher.Mono;

/**
 * Text checks through WxJava's {@code wxa/msg_sec_check} (version 2), behind the blocking boundary of
 * {@link WechatCalls}.
 */
final class WxJavaContentSecurity implements ContentSecurity {

	/** WeChat's documented limit for {@code content}. */
	static final int MAX_TEXT_LENGTH = 2500;

	// Scenes: 1 profile, 2 comment, 3 forum, 4 social log. A question to the village's advisors is a forum post.
	private static final int SCENE_FORUM = 3;

	private final WxMaService service;

	private final WechatCalls calls;

	WxJavaContentSecurity(WxMaService service, WechatCalls calls) {
		this.service = service;
		this.calls = calls;
	}

	@Override
	public Mono<Verdict> checkText(String openId, String text) {
		if (openId == null || openId.isBlank() || text == null || text.isBlank()
				|| text.length() > MAX_TEXT_LENGTH) {
			return Mono.error(new IllegalArgumentException(
					"openId is required and text must be 1-" + MAX_TEXT_LENGTH + " characters"));
		}
		WxMaMsgSecCheckCheckRequest request = WxMaMsgSecCheckCheckRequest.builder()
			.version("2")
			.scene(SCENE_FORUM)
			.openid(openId)
			.content(text)
			.build();
		// A check changes nothing at WeChat, so transient failures may be retried.
		return this.calls.call("msg_sec_check", () -> verdict(this.service.getSecurityService().checkMessage(request)),
				WxJavaContentSecurity::exception);
	}

	private static Verdict verdict(WxMaMsgSecCheckCheckResponse response) {
		WxMaMsgSecCheckCheckResponse.ResultBean result = (response != null) ? response.getResult() : null;
		if (result == null || result.getSuggest() == null) {
			throw new WechatUnavailableException("malformed response");
		}
		Suggestion suggestion = switch (result.getSuggest()) {
			case "pass" -> Suggestion.PASS;
			case "review" -> Suggestion.REVIEW;
			case "risky" -> Suggestion.RISKY;
			default -> throw new WechatUnavailableException("malformed response");
		};
		return new Verdict(suggestion, label(result.getLabel()));
	}

	private static int label(String label) {
		try {
			return (label != null) ? Integer.parseInt(label.strip()) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static WechatException exception(int errcode) {
		return switch (errcode) {
			case 45009, 45011 -> new WechatRateLimitedException(String.valueOf(errcode));
			// unknown openid; the openid has not used the mini-program in the last 2 hours
			case 40003, 61010 -> new WechatRejectedException(String.valueOf(errcode));
			default -> null;
		};
	}

}
