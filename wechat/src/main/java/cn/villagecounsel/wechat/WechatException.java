package cn.villagecounsel.wechat;

/**
 * A WeChat call that did not succeed.
 */
public abstract class WechatException extends RuntimeException {

	private final String errcodeOrReason;

	protected WechatException(String errcodeOrReason, String message, Throwable cause) {
		super(message + " (" + errcodeOrReason + ")", cause);
		this.errcodeOrReason = errcodeOrReason;
	}

	/**
	 * WeChat's {@code errcode} (such as "40029") or a short reason when WeChat sent none (such as "timeout").
	 */
	public String errcodeOrReason() {
		return errcodeOrReason;
	}

}
