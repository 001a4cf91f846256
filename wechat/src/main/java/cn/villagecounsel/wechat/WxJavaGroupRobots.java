package cn.villagecounsel.wechat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import me.chanjar.weixin.common.enums.WxType;
import me.chanjar.weixin.common.util.http.HttpClientType;
import me.chanjar.weixin.common.util.http.RequestExecutor;
import me.chanjar.weixin.common.util.http.RequestHttp;
import me.chanjar.weixin.common.util.http.SimplePostRequestExecutor;
import me.chanjar.weixin.cp.bean.message.WxCpGroupRobotMessage;
import me.chanjar.weixin.cp.constant.WxCpConsts.GroupRobotMsgType;
import org.apache.http.HttpHost;
import org.apache.http.impl.client.CloseableHttpClient;
import reactor.core.publisher.Mono;

/**
 * WeCom group robots: WxJava's robot message posted by WxJava's request executor over our HTTP client, behind the
 * blocking boundary of {@link WechatCalls}. WxJava's own {@code WxCpServiceImpl} cannot be used: the newest
 * weixin-java-cp our registry serves (4.6.0) predates the HTTP interfaces of weixin-java-common 4.7 (ADR 10).
 */
final class WxJavaGroupRobots implements GroupRobots {

	// Webhook keys are UUIDs; anything else would end up unencoded in the URL.
	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{8,64}");

	private final RequestExecutor<String, String> post;

	private final WechatCalls calls;

	private final String webhookBase;

	/**
	 * @param workApiHost WeCom's API host, e.g. {@code https://qyapi.weixin.qq.com}
	 */
	WxJavaGroupRobots(WechatHttpClient httpClient, WechatCalls calls, String workApiHost) {
		this.post = SimplePostRequestExecutor.create(new ApacheHttp(httpClient.build()));
		this.calls = calls;
		this.webhookBase = workApiHost + "/cgi-bin/webhook/send?key=";
	}

	@Override
	public Mono<Void> sendMarkdown(String webhookKey, String markdown) {
		if (webhookKey == null || !KEY.matcher(webhookKey).matches()) {
			return Mono.error(new IllegalArgumentException("malformed webhook key"));
		}
		if (markdown == null || markdown.isBlank()
				|| markdown.getBytes(StandardCharsets.UTF_8).length > MAX_MARKDOWN_BYTES) {
			return Mono.error(new IllegalArgumentException("markdown must be 1-" + MAX_MARKDOWN_BYTES + " bytes"));
		}
		String body = new WxCpGroupRobotMessage().setMsgType(GroupRobotMsgType.MARKDOWN).setContent(markdown).toJson();
		return this.calls
			.callOnce("webhook/send", () -> this.post.execute(this.webhookBase + webhookKey, body, WxType.CP),
					WxJavaGroupRobots::exception)
			.then();
	}

	private record ApacheHttp(CloseableHttpClient client) implements RequestHttp<CloseableHttpClient, HttpHost> {

		@Override
		public CloseableHttpClient getRequestHttpClient() {
			return this.client;
		}

		@Override
		public HttpHost getRequestHttpProxy() {
			return null;
		}

		@Override
		public HttpClientType getRequestType() {
			return HttpClientType.APACHE_HTTP;
		}

	}

	private static WechatException exception(int errcode) {
		return switch (errcode) {
			case 45009 -> new WechatRateLimitedException(String.valueOf(errcode));
			// invalid webhook URL (unknown key), malformed content
			case 93000, 40008, 44004 -> new WechatRejectedException(String.valueOf(errcode));
			default -> null;
		};
	}

}
