package cn.villagecounsel.wechat;

import java.util.Map;

/**
 * A subscription message (订阅消息) to one mini-program user.
 * @param openId the user's openid in the mini-program
 * @param templateId the template's id in the mini-program's console
 * @param page the page the message opens, with its query (e.g. {@code pages/booking/detail?id=42}); null for none
 * @param data the template's fields, such as {@code thing1 → 法律咨询}; insertion order is kept
 */
public record SubscriptionMessage(String openId, String templateId, String page, Map<String, String> data) {

	public SubscriptionMessage {
		if (openId == null || openId.isBlank() || templateId == null || templateId.isBlank()) {
			throw new IllegalArgumentException("openId and templateId are required");
		}
		data = (data != null) ? data : Map.of();
	}

}
