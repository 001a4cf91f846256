package cn.villagecounsel.wechat;

/**
 * WeChat refused the request for a reason that sending it again cannot change: an unknown openid, a template that does
 * not exist, data WeChat will not accept, a robot webhook that was removed.
 */
public class WechatRejectedException extends WechatException {

	public WechatRejectedException(String errcodeOrReason) {
		super(errcodeOrReason, "WeChat rejected the message", null);
	}

}
