package cn.villagecounsel.wechat;

import me.chanjar.weixin.mp.api.WxMpService;

/**
 * WxJava's Official Account service and the blocking boundary its calls go through, shared by the Official Account
 * adapters. A bean of a package-private type, so that WxJava stays behind this module's interfaces.
 */
record WxJavaOfficialAccount(WxMpService service, WechatCalls calls) {
}
