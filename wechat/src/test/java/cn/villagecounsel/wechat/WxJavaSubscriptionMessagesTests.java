package cn.villagecounsel.wechat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * Subscription messages through WxJava against WireMock playing WeChat's documented {@code subscribeMessage.send}.
 */
class WxJavaSubscriptionMessagesTests {

	@RegisterExtension
	static WireMockExtension wechat = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String TOKEN = "ACCESS_TOKEN_SUBSCRIBE";

	private static final String SEND_PATH = "/cgi-bin/message/subscribe/send";

	private final String appId = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

	private final SubscriptionMessage message = new SubscriptionMessage("o-resident-1", "TPL-booking-confirmed",
			"pages/booking/detail?id=42", fields());

	private static Map<String, String> fields() {
		Map<String, String> data = new LinkedHashMap<>();
		data.put("thing1", "婚姻家庭纠纷咨询");
		data.put("time2", "2026年12月1日 09:00");
		return data;
	}

	@BeforeEach
	void stubStableToken() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.withRequestBody(matchingJsonPath("$.appid", equalTo(this.appId)))
			.willReturn(okJson("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}")));
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WechatAutoConfiguration.class))
			.withPropertyValues("vc.wechat.mini-app.app-id=" + this.appId,
					"vc.wechat.mini-app.secret=0123456789abcdef0123456789abcdef",
					"vc.wechat.api-host=" + wechat.baseUrl(), "vc.wechat.retry-backoff=10ms");
	}

	private void stubSend(ResponseDefinitionBuilder response) {
		wechat.stubFor(post(urlPathEqualTo(SEND_PATH)).withQueryParam("access_token", equalTo(TOKEN))
			.withRequestBody(matchingJsonPath("$.touser", equalTo("o-resident-1")))
			.willReturn(response));
	}

	private void expectFailure(Class<? extends Exception> type, String errcodeOrReason) {
		runner().run(context -> Sends
			.expectFailure(context.getBean(SubscriptionMessages.class).send(this.message), type, errcodeOrReason));
		// Never repeated here: a repeated send may reach the person twice.
		wechat.verify(1, postRequestedFor(urlPathEqualTo(SEND_PATH)));
	}

	@Test
	void sendsTheDocumentedRequest() {
		stubSend(Sends.errcode(0));
		runner().run(context -> StepVerifier.create(context.getBean(SubscriptionMessages.class).send(this.message))
			.verifyComplete());
		wechat.verify(1, postRequestedFor(urlPathEqualTo(SEND_PATH)).withRequestBody(equalToJson("""
				{"touser":"o-resident-1","template_id":"TPL-booking-confirmed","page":"pages/booking/detail?id=42",
				 "data":{"thing1":{"value":"婚姻家庭纠纷咨询"},"time2":{"value":"2026年12月1日 09:00"}},
				 "miniprogram_state":"formal","lang":"zh_CN"}""")));
	}

	@Test
	void opensTheTrialVersionWhenConfigured() {
		stubSend(Sends.errcode(0));
		runner().withPropertyValues("vc.wechat.mini-app.env-version=trial")
			.run(context -> StepVerifier.create(context.getBean(SubscriptionMessages.class).send(this.message))
				.verifyComplete());
		wechat.verify(1, postRequestedFor(urlPathEqualTo(SEND_PATH))
			.withRequestBody(matchingJsonPath("$.miniprogram_state", equalTo("trial"))));
	}

	@Test
	void noSubscriptionLeftMeansRecipientUnreachable() {
		stubSend(Sends.errcode(43101));
		expectFailure(WechatRecipientUnreachableException.class, "43101");
	}

	@Test
	void dailyQuotaIsRateLimited() {
		stubSend(Sends.errcode(45009));
		expectFailure(WechatRateLimitedException.class, "45009");
	}

	@Test
	void unknownOpenidTemplateOrDataAreRejected() {
		for (int code : new int[] { 40003, 40037, 47003, 41030 }) {
			wechat.resetRequests();
			stubSend(Sends.errcode(code));
			expectFailure(WechatRejectedException.class, String.valueOf(code));
		}
	}

	@Test
	void busyWechatIsNotRetriedHere() {
		stubSend(Sends.errcode(-1));
		expectFailure(WechatUnavailableException.class, "-1");
	}

	@Test
	void resetConnectionIsUnavailableAndNotRetried() {
		stubSend(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		expectFailure(WechatUnavailableException.class, "I/O error");
	}

	@Test
	void malformedAnswerIsUnavailable() {
		stubSend(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"errcode\":"));
		expectFailure(WechatUnavailableException.class, "malformed response");
	}

	@Test
	void slowWechatTimesOut() {
		stubSend(Sends.errcode(0).withFixedDelay(3_000));
		runner().withPropertyValues("vc.wechat.timeout=1s")
			.run(context -> StepVerifier.create(context.getBean(SubscriptionMessages.class).send(this.message))
				.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WechatUnavailableException.class)
					.extracting("errcodeOrReason")
					.isEqualTo("timeout"))
				.verify(Duration.ofSeconds(3)));
	}

	@Test
	void sandboxModeHasNoSenders() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WechatAutoConfiguration.class))
			.run(context -> assertThat(context).doesNotHaveBean(SubscriptionMessages.class)
				.doesNotHaveBean(GroupRobots.class)
				.doesNotHaveBean(OfficialAccountMessages.class)
				.hasSingleBean(MiniProgramAuth.class));
	}

}
