package cn.villagecounsel.wechat;

/**
 * WeChat's frequency limit was hit (errcode 45011).
 */
public class WechatRateLimitedException extends WechatException {

	public WechatRateLimitedException(String errcodeOrReason) {
		super(errcodeOrReason, "WeChat rate limit reached", null);
	}

}
