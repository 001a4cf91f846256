package cn.villagecounsel.wechat;

import reactor.core.publisher.Mono;

/**
 * Mini-program codes (小程序码) to print, for example on a village's notice board.
 */
public interface MiniProgramCodes {

	/**
	 * A PNG of an unlimited mini-program code ({@code getwxacodeunlimit}) that opens {@code page} with
	 * {@code scene}. In sandbox mode, an ordinary QR code of {@code vc.wechat.sandbox-link-base + page + "?scene=" +
	 * scene} instead.
	 * <p>
	 * Fails with {@link IllegalArgumentException} for a malformed scene or page, and with
	 * {@link WechatRateLimitedException} (errcode 45009: the daily quota, or 45011) or
	 * {@link WechatUnavailableException} (any other errcode, e.g. 41030 for an unpublished page; timeout, I/O error,
	 * HTTP error, a response that is not an image). Codes do not expire: cache them.
	 * @param scene 1-32 characters of {@code [0-9A-Za-z!#$&'()*+,/:;=?@._~-]}, passed to the page as
	 * {@code options.scene} (URL-encoded)
	 * @param page a page of the mini-program such as {@code pages/village/index}, without a leading slash or query;
	 * null or blank for the home page
	 */
	Mono<byte[]> unlimitedCode(String scene, String page);

}
