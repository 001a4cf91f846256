package cn.villagecounsel.wechat;

/**
 * WeChat could not be used: busy after our retries, timed out, unreachable, misconfigured or answering nonsense.
 */
public class WechatUnavailableException extends WechatException {

	public WechatUnavailableException(String errcodeOrReason) {
		this(errcodeOrReason, null);
	}

	public WechatUnavailableException(String errcodeOrReason, Throwable cause) {
		super(errcodeOrReason, "WeChat is unavailable", cause);
	}

}
