package cn.villagecounsel.wechat;

import java.util.Objects;

/**
 * The identity WeChat returns for a login code.
 *
 * @param openid the user's id within this mini-program
 * @param unionid the user's id across the owner's apps, or {@code null} when WeChat sends none
 * @param sessionKey key for decrypting the user's data; secret, never logged
 * @param sandboxName the {@code <name>} of a sandbox code, {@code null} for real WeChat users
 */
public record WechatSession(String openid, String unionid, String sessionKey, String sandboxName) {

	public WechatSession {
		Objects.requireNonNull(openid, "openid");
		Objects.requireNonNull(sessionKey, "sessionKey");
	}

	@Override
	public String toString() {
		return "WechatSession[openid=" + openid + ", unionid=" + unionid + ", sessionKey=******, sandboxName="
				+ sandboxName + "]";
	}

}
