package cn.villagecounsel.wechat;

import reactor.core.publisher.Mono;

/**
 * Which group chat a mini-program was opened from: the encrypted data of {@code wx.getGroupEnterInfo} (or
 * {@code wx.getShareInfo}), decrypted locally with the user's session key. The same in sandbox and WxJava mode.
 */
public interface GroupEnterInfo {

	/**
	 * The group's {@code opengid} (stable per group and mini-program).
	 * <p>
	 * Fails with {@link WechatDataInvalidException} when the arguments are not base64 of the right sizes, the data
	 * does not decrypt with the session key, is not the expected JSON, or its watermark names another app.
	 * @param sessionKey the session key of the user's current login (base64 of 16 bytes)
	 * @param encryptedData {@code encryptedData} from the mini-program (base64)
	 * @param iv {@code iv} from the mini-program (base64 of 16 bytes)
	 */
	Mono<String> openGid(String sessionKey, String encryptedData, String iv);

}
