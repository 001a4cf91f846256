package cn.villagecounsel.wechat;

/**
 * Encrypted data from the mini-program (such as {@code wx.getGroupEnterInfo}) is malformed, does not decrypt with the
 * session key, or belongs to another app; the client must fetch it again (after a fresh wx.login if the session key
 * changed).
 */
public class WechatDataInvalidException extends WechatException {

	public WechatDataInvalidException(String reason) {
		this(reason, null);
	}

	public WechatDataInvalidException(String reason, Throwable cause) {
		super(reason, "WeChat encrypted data is invalid", cause);
	}

}
