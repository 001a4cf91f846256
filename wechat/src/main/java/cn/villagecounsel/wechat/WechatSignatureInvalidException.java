package cn.villagecounsel.wechat;

/**
 * A callback said to be from WeChat whose signature does not match this account's token: not from WeChat, altered on
 * the way, or the token in WeChat's console differs from ours.
 */
public class WechatSignatureInvalidException extends WechatException {

	public WechatSignatureInvalidException(String which) {
		super(which, "WeChat callback signature does not match", null);
	}

}
