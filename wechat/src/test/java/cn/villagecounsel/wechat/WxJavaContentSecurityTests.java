package cn.villagecounsel.wechat;

import java.time.Duration;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

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
 * Text checks through WxJava against WireMock playing WeChat's documented {@code wxa/msg_sec_check} (version 2).
 */
class WxJavaContentSecurityTests {

	@RegisterExtension
	static WireMockExtension wechat = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String TOKEN = "ACCESS_TOKEN_SEC_CHECK";

	private static final String CHECK_PATH = "/wxa/msg_sec_check";

	private static final String OPENID = "oGZUI0egBJY1zhBYw2KhdUfwVJJE";

	private static final String TEXT = "邻居家的树根伸到我家宅基地里，能要求他砍掉吗？";

	private final String appId = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

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

	private static void stubCheck(ResponseDefinitionBuilder response) {
		wechat.stubFor(post(urlPathEqualTo(CHECK_PATH)).withQueryParam("access_token", equalTo(TOKEN))
			.willReturn(response));
	}

	/** WeChat's documented answer: the overall result, the strategies' details and a trace id. */
	private static ResponseDefinitionBuilder verdict(String suggest, int label) {
		return okJson("""
				{"errcode":0,"errmsg":"ok",
				 "result":{"suggest":"%s","label":%d},
				 "detail":[{"strategy":"content_model","errcode":0,"suggest":"%s","label":%d,"prob":90}],
				 "trace_id":"60ae120f-371d5872-7941a05b"}""".formatted(suggest, label, suggest, label));
	}

	private Mono<ContentSecurity.Verdict> check(ContentSecurity security) {
		return security.checkText(OPENID, TEXT);
	}

	private void expectVerdict(ContentSecurity.Suggestion suggestion, int label) {
		runner().run(context -> StepVerifier.create(check(context.getBean(ContentSecurity.class)))
			.expectNext(new ContentSecurity.Verdict(suggestion, label))
			.expectComplete()
			.verify(Duration.ofSeconds(5)));
	}

	private void expectFailure(Class<? extends Exception> type, String errcodeOrReason) {
		runner().run(context -> StepVerifier.create(check(context.getBean(ContentSecurity.class)))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(type)
				.extracting("errcodeOrReason")
				.isEqualTo(errcodeOrReason))
			.verify(Duration.ofSeconds(5)));
	}

	@Test
	void passSendsTheDocumentedRequest() {
		stubCheck(verdict("pass", 100));
		expectVerdict(ContentSecurity.Suggestion.PASS, 100);
		wechat.verify(1, postRequestedFor(urlPathEqualTo(CHECK_PATH)).withRequestBody(equalToJson("""
				{"version":"2","openid":"%s","scene":3,"content":"%s"}""".formatted(OPENID, TEXT))));
	}

	@Test
	void reviewIsHeldForAPerson() {
		stubCheck(verdict("review", 20006));
		expectVerdict(ContentSecurity.Suggestion.REVIEW, 20006);
	}

	@Test
	void riskyIsRefused() {
		stubCheck(verdict("risky", 20001));
		expectVerdict(ContentSecurity.Suggestion.RISKY, 20001);
	}

	@Test
	void anOpenidNotActiveForTwoHoursIsRejectedWithoutRetrying() {
		stubCheck(Sends.errcode(61010));
		expectFailure(WechatRejectedException.class, "61010");
		wechat.verify(1, postRequestedFor(urlPathEqualTo(CHECK_PATH)));
	}

	@Test
	void anUnknownOpenidIsRejected() {
		stubCheck(Sends.errcode(40003));
		expectFailure(WechatRejectedException.class, "40003");
	}

	@Test
	void theQuotaIsRateLimited() {
		stubCheck(Sends.errcode(45009));
		expectFailure(WechatRateLimitedException.class, "45009");
		wechat.verify(1, postRequestedFor(urlPathEqualTo(CHECK_PATH)));
	}

	@Test
	void aBusyWechatIsAskedAgain() {
		wechat.stubFor(post(urlPathEqualTo(CHECK_PATH)).inScenario("busy")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(Sends.errcode(-1))
			.willSetStateTo("recovered"));
		wechat.stubFor(post(urlPathEqualTo(CHECK_PATH)).inScenario("busy")
			.whenScenarioStateIs("recovered")
			.willReturn(verdict("pass", 100)));
		expectVerdict(ContentSecurity.Suggestion.PASS, 100);
		wechat.verify(2, postRequestedFor(urlPathEqualTo(CHECK_PATH)));
	}

	@Test
	void anAnswerWithoutAResultIsUnavailable() {
		stubCheck(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}"));
		expectFailure(WechatUnavailableException.class, "malformed response");
	}

	@Test
	void refusesTextWechatWouldNotTakeWithoutCallingIt() {
		runner().run(context -> {
			ContentSecurity security = context.getBean(ContentSecurity.class);
			StepVerifier.create(security.checkText(OPENID, "字".repeat(2501)))
				.expectError(IllegalArgumentException.class)
				.verify();
			StepVerifier.create(security.checkText(OPENID, " ")).expectError(IllegalArgumentException.class).verify();
			StepVerifier.create(security.checkText(null, TEXT)).expectError(IllegalArgumentException.class).verify();
		});
		wechat.verify(0, postRequestedFor(urlPathEqualTo(CHECK_PATH)));
	}

	@Test
	void sandboxModeLetsEveryTextPass() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WechatAutoConfiguration.class))
			.run(context -> StepVerifier.create(context.getBean(ContentSecurity.class).checkText("sandbox_1", TEXT))
				.expectNext(new ContentSecurity.Verdict(ContentSecurity.Suggestion.PASS, 100))
				.verifyComplete());
	}

}
