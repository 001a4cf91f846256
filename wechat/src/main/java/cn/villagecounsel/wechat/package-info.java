/**
 * WeChat adapters: WxJava's blocking services behind small reactive interfaces.
 */
package cn.villagecounsel.wechat;
