package cn.villagecounsel.wechat;

import cn.binarywang.wx.miniapp.api.WxMaService;

/**
 * WxJava's mini-program service and the blocking boundary its calls go through, shared by the WxJava adapters. A bean
 * of a package-private type, so that WxJava stays behind this module's interfaces.
 */
record WxJavaMiniApp(WxMaService service, WechatCalls calls) {
}
