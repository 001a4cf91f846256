package cn.villagecounsel.wechat;

import java.util.regex.Pattern;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.bean.WxMaJscode2SessionResult;
import reactor.core.publisher.Mono;

/**
 * Mini-program sign-in through WxJava's {@code jscode2session}, behind the blocking boundary of {@link WechatCalls}.
 */
final class WxJavaMiniProgramAuth implements MiniProgramAuth {

	// wx.login codes are short URL-safe tokens, and WxJava puts the code into the query string unencoded.
	private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

	private final WxMaService service;

	private final WechatCalls calls;

	WxJavaMiniProgramAuth(WxMaService service, WechatCalls calls) {
		this.service = service;
		this.calls = calls;
	}

	@Override
	public Mono<WechatSession> code2Session(String code) {
		if (code == null || !CODE.matcher(code).matches()) {
			return Mono.error(new WechatCodeInvalidException("malformed code"));
		}
		return calls.call("code2session", () -> session(service.jsCode2SessionInfo(code)),
				WxJavaMiniProgramAuth::exception);
	}

	@Override
	public boolean sandbox() {
		return false;
	}

	private static WechatException exception(int errcode) {
		return switch (errcode) {
			// invalid code, code already used, login blocked as high-risk
			case 40029, 40163, 40226 -> new WechatCodeInvalidException(String.valueOf(errcode));
			case 45011 -> new WechatRateLimitedException(String.valueOf(errcode));
			default -> null;
		};
	}

	private static WechatSession session(WxMaJscode2SessionResult result) {
		if (result == null || isBlank(result.getOpenid()) || isBlank(result.getSessionKey())) {
			throw new WechatUnavailableException("malformed response");
		}
		return new WechatSession(result.getOpenid(), isBlank(result.getUnionid()) ? null : result.getUnionid(),
				result.getSessionKey(), null);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
