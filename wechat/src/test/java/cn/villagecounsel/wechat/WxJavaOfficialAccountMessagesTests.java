package cn.villagecounsel.wechat;

import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Official Account customer-service messages through WxJava against WireMock playing WeChat's documented
 * {@code message/custom/send}, with the account's own access token.
 */
class WxJavaOfficialAccountMessagesTests {

	@RegisterExtension
	static WireMockExtension wechat = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String TOKEN = "ACCESS_TOKEN_OFFICIAL_ACCOUNT";

	private static final String SEND_PATH = "/cgi-bin/message/custom/send";

	private final String miniAppId = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

	private final String accountId = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

	@BeforeEach
	void stubStableToken() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.withRequestBody(matchingJsonPath("$.appid", equalTo(this.accountId)))
			.willReturn(okJson("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}")));
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WechatAutoConfiguration.class))
			.withPropertyValues("vc.wechat.mini-app.app-id=" + this.miniAppId,
					"vc.wechat.mini-app.secret=0123456789abcdef0123456789abcdef",
					"vc.wechat.official-account.app-id=" + this.accountId,
					"vc.wechat.official-account.secret=fedcba9876543210fedcba9876543210",
					"vc.wechat.api-host=" + wechat.baseUrl());
	}

	private void stubSend(ResponseDefinitionBuilder response) {
		wechat.stubFor(post(urlPathEqualTo(SEND_PATH)).withQueryParam("access_token", equalTo(TOKEN))
			.willReturn(response));
	}

	private void expectFailure(Class<? extends Exception> type, String errcodeOrReason) {
		runner().run(context -> Sends.expectFailure(
				context.getBean(OfficialAccountMessages.class).sendText("oa-openid-1", "您的问题已有回复"), type,
				errcodeOrReason));
		wechat.verify(1, postRequestedFor(urlPathEqualTo(SEND_PATH)));
	}

	@Test
	void sendsATextMessage() {
		stubSend(Sends.errcode(0));
		runner().run(context -> StepVerifier
			.create(context.getBean(OfficialAccountMessages.class).sendText("oa-openid-1", "您的问题已有回复"))
			.verifyComplete());
		wechat.verify(1, postRequestedFor(urlPathEqualTo(SEND_PATH)).withRequestBody(equalToJson("""
				{"touser":"oa-openid-1","msgtype":"text","text":{"content":"您的问题已有回复"}}""")));
	}

	@Test
	void outsideTheWindowIsRecipientUnreachable() {
		stubSend(Sends.errcode(45015));
		expectFailure(WechatRecipientUnreachableException.class, "45015");
	}

	@Test
	void usedUpMessagesAreRecipientUnreachable() {
		stubSend(Sends.errcode(45047));
		expectFailure(WechatRecipientUnreachableException.class, "45047");
	}

	@Test
	void unfollowedOrUnknownOpenidIsRejected() {
		for (int code : new int[] { 40003, 43004, 45002 }) {
			wechat.resetRequests();
			stubSend(Sends.errcode(code));
			expectFailure(WechatRejectedException.class, String.valueOf(code));
		}
	}

	@Test
	void busyWechatIsUnavailableWithItsErrcode() {
		// WxJava's Official Account service turns -1 into an unchecked exception of its own; the errcode survives.
		stubSend(Sends.errcode(-1));
		expectFailure(WechatUnavailableException.class, "-1");
	}

	@Test
	void resetConnectionIsUnavailable() {
		stubSend(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		expectFailure(WechatUnavailableException.class, "I/O error");
	}

	@Test
	void noOfficialAccountNoSender() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WechatAutoConfiguration.class))
			.withPropertyValues("vc.wechat.mini-app.app-id=" + this.miniAppId,
					"vc.wechat.mini-app.secret=0123456789abcdef0123456789abcdef")
			.run(context -> assertThat(context).doesNotHaveBean(OfficialAccountMessages.class)
				.hasSingleBean(SubscriptionMessages.class)
				.hasSingleBean(GroupRobots.class));
	}

}
