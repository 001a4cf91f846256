package cn.villagecounsel.wechat;

/**
 * This person cannot be reached through this channel now, though the message itself is fine: no subscription left for
 * the template (43101), or outside the Official Account's customer-service window (45015: more than 48 hours since
 * the person last wrote; 45047: the messages allowed since then are used up). Another channel may reach them.
 */
public class WechatRecipientUnreachableException extends WechatException {

	public WechatRecipientUnreachableException(String errcode) {
		super(errcode, "WeChat recipient unreachable on this channel", null);
	}

}
