package cn.villagecounsel.wechat;

import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * WeCom group robots through WxJava against WireMock playing WeCom's documented webhook.
 */
@ExtendWith(OutputCaptureExtension.class)
class WxJavaGroupRobotsTests {

	@RegisterExtension
	static WireMockExtension wecom = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String WEBHOOK = "/cgi-bin/webhook/send";

	private final String key = UUID.randomUUID().toString();

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WechatAutoConfiguration.class))
			.withPropertyValues("vc.wechat.mini-app.app-id=wx0123456789abcdef",
					"vc.wechat.mini-app.secret=0123456789abcdef0123456789abcdef",
					"vc.wechat.work-api-host=" + wecom.baseUrl());
	}

	private void stubWebhook(ResponseDefinitionBuilder response) {
		wecom.stubFor(post(urlPathEqualTo(WEBHOOK)).withQueryParam("key", equalTo(this.key)).willReturn(response));
	}

	private void expectFailure(Class<? extends Exception> type, String errcodeOrReason) {
		runner().run(context -> Sends.expectFailure(
				context.getBean(GroupRobots.class).sendMarkdown(this.key, "**新问题** 柳林村 1 条"), type, errcodeOrReason));
		wecom.verify(1, postRequestedFor(urlPathEqualTo(WEBHOOK)));
	}

	@Test
	void postsMarkdownToTheWebhook() {
		stubWebhook(Sends.errcode(0));
		runner().run(context -> StepVerifier
			.create(context.getBean(GroupRobots.class).sendMarkdown(this.key, "**新问题** 柳林村 1 条"))
			.verifyComplete());
		wecom.verify(1, postRequestedFor(urlPathEqualTo(WEBHOOK)).withQueryParam("key", equalTo(this.key))
			.withRequestBody(equalToJson("{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"**新问题** 柳林村 1 条\"}}")));
	}

	@Test
	void twentyAMinuteIsRateLimited() {
		stubWebhook(Sends.errcode(45009));
		expectFailure(WechatRateLimitedException.class, "45009");
	}

	@Test
	void unknownKeyIsRejectedAndNeverLogged(CapturedOutput output) {
		stubWebhook(Sends.errcode(93000));
		expectFailure(WechatRejectedException.class, "93000");
		assertThat(output).doesNotContain(this.key);
	}

	@Test
	void failuresNeverLogTheKey(CapturedOutput output) {
		stubWebhook(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		expectFailure(WechatUnavailableException.class, "I/O error");
		wecom.resetRequests();
		stubWebhook(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>"));
		expectFailure(WechatUnavailableException.class, "I/O error");
		wecom.resetRequests();
		stubWebhook(aResponse().withStatus(200).withBody("<html>维护中</html>"));
		expectFailure(WechatUnavailableException.class, "malformed response");
		assertThat(output).doesNotContain(this.key);
	}

	@Test
	void refusesOversizedOrMalformedInputWithoutCallingWecom() {
		runner().run(context -> {
			GroupRobots robots = context.getBean(GroupRobots.class);
			StepVerifier.create(robots.sendMarkdown(this.key, "字".repeat(1366)))
				.expectError(IllegalArgumentException.class)
				.verify();
			StepVerifier.create(robots.sendMarkdown("key&x=1", "你好")).expectError(IllegalArgumentException.class).verify();
			StepVerifier.create(robots.sendMarkdown(this.key, " ")).expectError(IllegalArgumentException.class).verify();
		});
		wecom.verify(0, postRequestedFor(urlPathEqualTo(WEBHOOK)));
	}

}
