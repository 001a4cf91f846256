package cn.villagecounsel.wechat;

/**
 * The login code is unknown, expired, already used or malformed; the client must call wx.login again.
 */
public class WechatCodeInvalidException extends WechatException {

	public WechatCodeInvalidException(String errcodeOrReason) {
		super(errcodeOrReason, "WeChat rejected the login code", null);
	}

}
