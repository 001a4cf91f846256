package cn.villagecounsel.wechat;

/**
 * Data said to come from WeChat is unusable. Encrypted data from the mini-program (such as
 * {@code wx.getGroupEnterInfo}) is malformed, does not decrypt with the session key, or belongs to another app; the
 * client must fetch it again (after a fresh wx.login if the session key changed). Or a message pushed to the Official
 * Account's callback is not WeChat's XML or does not decrypt.
 */
public class WechatDataInvalidException extends WechatException {

	public WechatDataInvalidException(String reason) {
		this(reason, null);
	}

	public WechatDataInvalidException(String reason, Throwable cause) {
		super(reason, "WeChat encrypted data is invalid", cause);
	}

}
