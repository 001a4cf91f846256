package cn.villagecounsel.wechat;

import java.time.Duration;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Official Account's API through WxJava against WireMock playing WeChat's documented
 * {@code message/custom/send} and {@code user/info}, with the account's own access token.
 */
class WxJavaOfficialAccountTests {

	@RegisterExtension
	static WireMockExtension wechat = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String TOKEN = "ACCESS_TOKEN_OFFICIAL_ACCOUNT";

	private static final String SEND_PATH = "/cgi-bin/message/custom/send";

	private static final String INFO_PATH = "/cgi-bin/user/info";

	private static final String OPENID = "oia2TjjewbmiOUlr6X-1crbLOvLw";

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
					"vc.wechat.api-host=" + wechat.baseUrl(), "vc.wechat.retry-backoff=10ms");
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
				.doesNotHaveBean(OfficialAccountUsers.class)
				.hasSingleBean(SubscriptionMessages.class)
				.hasSingleBean(GroupRobots.class));
	}

	private static void stubInfo(ResponseDefinitionBuilder response) {
		wechat.stubFor(get(urlPathEqualTo(INFO_PATH)).withQueryParam("access_token", equalTo(TOKEN))
			.withQueryParam("openid", equalTo(OPENID))
			.withQueryParam("lang", equalTo("zh_CN"))
			.willReturn(response));
	}

	/** WeChat's documented answer for a follower of an account bound to an Open Platform account. */
	private static String follower(String unionIdField) {
		return """
				{"subscribe":1,"openid":"%s","language":"zh_CN","subscribe_time":1764000000,%s
				 "remark":"","groupid":0,"tagid_list":[],"subscribe_scene":"ADD_SCENE_QR_CODE","qr_scene":0,
				 "qr_scene_str":""}""".formatted(OPENID, unionIdField);
	}

	private void expectLookupFailure(Class<? extends Exception> type, String errcodeOrReason) {
		runner().run(context -> StepVerifier.create(context.getBean(OfficialAccountUsers.class).unionIdOf(OPENID))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(type)
				.extracting("errcodeOrReason")
				.isEqualTo(errcodeOrReason))
			.verify(Duration.ofSeconds(5)));
	}

	@Test
	void findsTheUnionid() {
		stubInfo(okJson(follower("\"unionid\":\"o6_bmasdasdsad6_2sgVt7hMZOPfL\",")));
		runner().run(context -> StepVerifier.create(context.getBean(OfficialAccountUsers.class).unionIdOf(OPENID))
			.expectNext("o6_bmasdasdsad6_2sgVt7hMZOPfL")
			.expectComplete()
			.verify(Duration.ofSeconds(5)));
		wechat.verify(1, getRequestedFor(urlPathEqualTo(INFO_PATH)));
	}

	@Test
	void isEmptyWhenTheAccountIsNotBoundToAnOpenPlatformAccount() {
		stubInfo(okJson(follower("")));
		runner().run(context -> StepVerifier.create(context.getBean(OfficialAccountUsers.class).unionIdOf(OPENID))
			.expectComplete()
			.verify(Duration.ofSeconds(5)));
	}

	@Test
	void userInfoOfAnUnknownOpenidIsRejected() {
		stubInfo(Sends.errcode(40003));
		expectLookupFailure(WechatRejectedException.class, "40003");
		wechat.verify(1, getRequestedFor(urlPathEqualTo(INFO_PATH)));
	}

	@Test
	void userInfoQuotaIsRateLimited() {
		stubInfo(Sends.errcode(45009));
		expectLookupFailure(WechatRateLimitedException.class, "45009");
	}

	@Test
	void userInfoIsAskedAgainWhileWechatIsBusy() {
		wechat.stubFor(get(urlPathEqualTo(INFO_PATH)).inScenario("busy")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(Sends.errcode(-1))
			.willSetStateTo("recovered"));
		wechat.stubFor(get(urlPathEqualTo(INFO_PATH)).inScenario("busy")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson(follower("\"unionid\":\"o6_union\","))));
		runner().run(context -> StepVerifier.create(context.getBean(OfficialAccountUsers.class).unionIdOf(OPENID))
			.expectNext("o6_union")
			.expectComplete()
			.verify(Duration.ofSeconds(5)));
		wechat.verify(2, getRequestedFor(urlPathEqualTo(INFO_PATH)));
	}

	@Test
	void refusesAnOpenidThatWouldChangeTheUrlWithoutCallingWechat() {
		runner().run(context -> {
			OfficialAccountUsers users = context.getBean(OfficialAccountUsers.class);
			for (String openId : new String[] { "", "o-1&lang=en", "o 1", "o".repeat(65) }) {
				StepVerifier.create(users.unionIdOf(openId)).expectError(IllegalArgumentException.class).verify();
			}
			StepVerifier.create(users.unionIdOf(null)).expectError(IllegalArgumentException.class).verify();
		});
		wechat.verify(0, getRequestedFor(urlPathEqualTo(INFO_PATH)));
	}


}
