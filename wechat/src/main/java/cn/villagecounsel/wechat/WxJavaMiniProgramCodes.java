package cn.villagecounsel.wechat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.bean.WxMaCodeLineColor;
import com.google.gson.JsonParseException;
import me.chanjar.weixin.common.enums.WxType;
import me.chanjar.weixin.common.error.WxError;
import me.chanjar.weixin.common.error.WxErrorException;
import reactor.core.publisher.Mono;

/**
 * Mini-program codes through WxJava's {@code getwxacodeunlimit}, behind the blocking boundary of {@link WechatCalls}.
 */
final class WxJavaMiniProgramCodes implements MiniProgramCodes {

	/** Pixels: enough for about 5 cm at 300 dpi on a printed notice (WeChat allows 280-1280). */
	static final int WIDTH = 600;

	private static final String RELEASE = "release";

	private final WxMaService service;

	private final WechatCalls calls;

	private final String envVersion;

	/**
	 * @param envVersion which version the code opens: release, trial or develop
	 */
	WxJavaMiniProgramCodes(WxMaService service, WechatCalls calls, String envVersion) {
		this.service = service;
		this.calls = calls;
		this.envVersion = envVersion;
	}

	@Override
	public Mono<byte[]> unlimitedCode(String scene, String page) {
		String checkedScene;
		String checkedPage;
		try {
			checkedScene = CodeArguments.scene(scene);
			checkedPage = CodeArguments.page(page);
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(ex);
		}
		// Only the released version's pages can be checked; trial and develop codes must skip the check.
		boolean checkPath = RELEASE.equals(envVersion);
		return calls.call("getwxacodeunlimit", () -> png(service.getQrcodeService()
			.createWxaCodeUnlimitBytes(checkedScene, checkedPage, checkPath, envVersion, WIDTH, false,
					new WxMaCodeLineColor("0", "0", "0"), false)),
				WxJavaMiniProgramCodes::exception);
	}

	private static WechatException exception(int errcode) {
		return switch (errcode) {
			// daily quota reached, minute quota reached
			case 45009, 45011 -> new WechatRateLimitedException(String.valueOf(errcode));
			default -> null;
		};
	}

	/**
	 * WxJava recognises an error only by its JSON content type; anything else it returns as the image. WeChat sends
	 * JPEG or PNG: this makes sure it is an image and always returns a PNG.
	 */
	private static byte[] png(byte[] body) throws WxErrorException {
		if (body == null || body.length == 0) {
			throw new WechatUnavailableException("malformed response");
		}
		if (looksLikeJson(body)) {
			WxError error;
			try {
				error = WxError.fromJson(new String(body, StandardCharsets.UTF_8), WxType.MiniApp);
			}
			catch (JsonParseException ex) {
				throw new WechatUnavailableException("malformed response");
			}
			if (error == null || error.getErrorCode() == 0) {
				throw new WechatUnavailableException("malformed response");
			}
			throw new WxErrorException(error);
		}
		BufferedImage image = Images.read(body);
		if (image == null) {
			throw new WechatUnavailableException("malformed response");
		}
		return Images.isPng(body) ? body : Images.png(image);
	}

	private static boolean looksLikeJson(byte[] body) {
		for (byte b : body) {
			if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
				return b == '{';
			}
		}
		return false;
	}

}
