package cn.villagecounsel.wechat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import redis.embedded.RedisServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
 * The WxJava adapter against WireMock playing WeChat's documented HTTP API and a real redis-server.
 */
class WxJavaMiniProgramAuthTests {

	@RegisterExtension
	static WireMockExtension wechat = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static RedisServer redis;

	private static int redisPort;

	private static final String SECRET = "0123456789abcdef0123456789abcdef";

	private static final String TOKEN = "ACCESS_TOKEN_1";

	private static final String SESSION_KEY = "tiihtNczf5v6AKRyjwEUhQ==";

	private static final String SESSION = """
			{"openid":"oGZUI0egBJY1zhBYw2KhdUfwVJJE","session_key":"%s","unionid":"oJ5Wt0ZNXCiqX6lGyPhRsfqbQfBw"}"""
		.formatted(SESSION_KEY);

	// A fresh app per test keeps its access token apart from other tests' tokens in the shared Redis.
	private final String appId = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

	/**
	 * Starts redis-server, then logs in once: the first call in a JVM loads Lettuce, Netty and HttpClient (seconds on
	 * a busy 2-core machine), and tests measuring timeouts should measure WeChat, not class loading.
	 */
	@BeforeAll
	static void startRedisAndWarmUp() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			redisPort = socket.getLocalPort();
		}
		redis = new RedisServer(redisPort);
		redis.start();
		WxJavaMiniProgramAuthTests test = new WxJavaMiniProgramAuthTests();
		test.stubStableToken();
		test.stubSession("warm-up", okJson(SESSION));
		test.runner()
			.withPropertyValues("vc.wechat.timeout=30s")
			.run(context -> context.getBean(MiniProgramAuth.class).code2Session("warm-up").block());
	}

	@AfterAll
	static void stopRedis() throws IOException {
		redis.stop();
	}

	@BeforeEach
	void stubStableToken() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.withRequestBody(matchingJsonPath("$.appid", equalTo(appId)))
			.withRequestBody(matchingJsonPath("$.secret", equalTo(SECRET)))
			.withRequestBody(matchingJsonPath("$.grant_type", equalTo("client_credential")))
			.willReturn(okJson("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}")));
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, WechatAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redisPort,
					"vc.wechat.mini-app.app-id=" + appId, "vc.wechat.mini-app.secret=" + SECRET,
					"vc.wechat.api-host=" + wechat.baseUrl(), "vc.wechat.retry-backoff=10ms");
	}

	private void stubSession(String code, ResponseDefinitionBuilder response) {
		wechat.stubFor(get(urlPathEqualTo("/sns/jscode2session")).withQueryParam("appid", equalTo(appId))
			.withQueryParam("secret", equalTo(SECRET))
			.withQueryParam("js_code", equalTo(code))
			.withQueryParam("grant_type", equalTo("authorization_code"))
			.willReturn(response));
	}

	private static void verifySessionCalls(int count) {
		wechat.verify(count, getRequestedFor(urlPathEqualTo("/sns/jscode2session")));
	}

	@Test
	void exchangesCodeForSession() {
		stubSession("081abcDEF", okJson(SESSION));
		runner().run(context -> {
			MiniProgramAuth auth = context.getBean(MiniProgramAuth.class);
			assertThat(auth.sandbox()).isFalse();
			StepVerifier.create(auth.code2Session("081abcDEF")).assertNext(session -> {
				assertThat(session.openid()).isEqualTo("oGZUI0egBJY1zhBYw2KhdUfwVJJE");
				assertThat(session.unionid()).isEqualTo("oJ5Wt0ZNXCiqX6lGyPhRsfqbQfBw");
				assertThat(session.sessionKey()).isEqualTo(SESSION_KEY);
				assertThat(session.sandboxName()).isNull();
				assertThat(session.toString()).contains("oGZUI0egBJY1zhBYw2KhdUfwVJJE").doesNotContain(SESSION_KEY);
			}).verifyComplete();
		});
	}

	@Test
	void leavesUnionidEmptyWhenWechatSendsNone() {
		stubSession("081abcDEF", okJson("{\"openid\":\"o-1\",\"session_key\":\"" + SESSION_KEY + "\"}"));
		runner().run(context -> StepVerifier.create(context.getBean(MiniProgramAuth.class).code2Session("081abcDEF"))
			.assertNext(session -> assertThat(session.unionid()).isNull())
			.verifyComplete());
	}

	@Test
	void rejectsInvalidCodeWithoutRetrying() {
		stubSession("expired", okJson("{\"errcode\":40029,\"errmsg\":\"invalid code, rid: 1\"}"));
		runner().run(context -> StepVerifier.create(context.getBean(MiniProgramAuth.class).code2Session("expired"))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WechatCodeInvalidException.class)
				.extracting("errcodeOrReason")
				.isEqualTo("40029"))
			.verify(Duration.ofSeconds(5)));
		verifySessionCalls(1);
	}

	@Test
	void rejectsUsedCode() {
		stubSession("used", okJson("{\"errcode\":40163,\"errmsg\":\"code been used, rid: 2\"}"));
		runner().run(context -> StepVerifier.create(context.getBean(MiniProgramAuth.class).code2Session("used"))
			.expectError(WechatCodeInvalidException.class)
			.verify(Duration.ofSeconds(5)));
		verifySessionCalls(1);
	}

	@Test
	void rejectsMalformedCodeWithoutCallingWechat() {
		runner().run(context -> {
			MiniProgramAuth auth = context.getBean(MiniProgramAuth.class);
			for (String code : new String[] { "", "a&secret=x", "has space", "a".repeat(129) }) {
				StepVerifier.create(auth.code2Session(code)).expectError(WechatCodeInvalidException.class).verify();
			}
			StepVerifier.create(auth.code2Session(null)).expectError(WechatCodeInvalidException.class).verify();
		});
		verifySessionCalls(0);
	}

	@Test
	void reportsRateLimitWithoutRetrying() {
		stubSession("081abcDEF", okJson("{\"errcode\":45011,\"errmsg\":\"api minute-quota reach limit\"}"));
		runner().run(context -> StepVerifier.create(context.getBean(MiniProgramAuth.class).code2Session("081abcDEF"))
			.expectError(WechatRateLimitedException.class)
			.verify(Duration.ofSeconds(5)));
		verifySessionCalls(1);
	}

	@Test
	void retriesWhileWechatIsBusy() {
		String busy = "{\"errcode\":-1,\"errmsg\":\"system error\"}";
		wechat.stubFor(get(urlPathEqualTo("/sns/jscode2session")).inScenario("busy")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(busy))
			.willSetStateTo("busy again"));
		wechat.stubFor(get(urlPathEqualTo("/sns/jscode2session")).inScenario("busy")
			.whenScenarioStateIs("busy again")
			.willReturn(okJson(busy))
			.willSetStateTo("recovered"));
		wechat.stubFor(get(urlPathEqualTo("/sns/jscode2session")).inScenario("busy")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson(SESSION)));
		runner().run(context -> StepVerifier.create(context.getBean(MiniProgramAuth.class).code2Session("081abcDEF"))
			.assertNext(session -> assertThat(session.sessionKey()).isEqualTo(SESSION_KEY))
			.expectComplete()
			.verify(Duration.ofSeconds(5)));
		verifySessionCalls(3);
	}

	@Test
	void givesUpWhenWechatStaysBusy() {
		stubSession("081abcDEF", okJson("{\"errcode\":-1,\"errmsg\":\"system error\"}"));
		runner().withPropertyValues("vc.wechat.max-retries=2")
			.run(context -> StepVerifier.create(context.getBean(MiniProgramAuth.class).code2Session("081abcDEF"))
				.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WechatUnavailableException.class)
					.extracting("errcodeOrReason")
					.isEqualTo("-1"))
				.verify(Duration.ofSeconds(5)));
		verifySessionCalls(3);
	}

	@Test
	void retriesThenGivesUpWhenConnectionIsReset() {
		stubSession("081abcDEF", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		runner().run(context -> StepVerifier.create(context.getBean(MiniProgramAuth.class).code2Session("081abcDEF"))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WechatUnavailableException.class)
				.extracting("errcodeOrReason")
				.isEqualTo("I/O error"))
			.verify(Duration.ofSeconds(5)));
		verifySessionCalls(3);
	}

	@Test
	void timesOutOnSlowWechat() {
		stubSession("081abcDEF", okJson(SESSION));
		stubSession("slow", okJson(SESSION).withFixedDelay(3_000));
		runner().withPropertyValues("vc.wechat.timeout=1s").run(context -> {
			MiniProgramAuth auth = context.getBean(MiniProgramAuth.class);
			// A first login fetches the token and opens connections, so that only the slow call is timed.
			StepVerifier.create(auth.code2Session("081abcDEF")).expectNextCount(1).verifyComplete();
			Duration took = StepVerifier.create(auth.code2Session("slow"))
				.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WechatUnavailableException.class)
					.extracting("errcodeOrReason")
					.isEqualTo("timeout"))
				.verify(Duration.ofMillis(2_500));
			assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		});
	}

	@Test
	void reportsMalformedResponseAsUnavailable() {
		stubSession("081abcDEF", aResponse().withStatus(200).withBody("<html>维护中</html>"));
		runner().run(context -> StepVerifier.create(context.getBean(MiniProgramAuth.class).code2Session("081abcDEF"))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WechatUnavailableException.class)
				.extracting("errcodeOrReason")
				.isEqualTo("malformed response"))
			.verify(Duration.ofSeconds(5)));
		verifySessionCalls(1);
	}

	@Test
	void reportsSessionWithoutKeyAsUnavailable() {
		stubSession("081abcDEF", okJson("{\"openid\":\"o-1\"}"));
		runner().run(context -> StepVerifier.create(context.getBean(MiniProgramAuth.class).code2Session("081abcDEF"))
			.expectError(WechatUnavailableException.class)
			.verify(Duration.ofSeconds(5)));
	}

	@Test
	void sharesAccessTokenThroughRedisBetweenInstances() {
		stubSession("code-a", okJson(SESSION));
		stubSession("code-b", okJson(SESSION));
		runner().run(first -> runner().run(second -> {
			StepVerifier.create(first.getBean(MiniProgramAuth.class).code2Session("code-a"))
				.expectNextCount(1)
				.verifyComplete();
			StepVerifier.create(second.getBean(MiniProgramAuth.class).code2Session("code-b"))
				.expectNextCount(1)
				.verifyComplete();
			StringRedisTemplate redisTemplate = first.getBean(StringRedisTemplate.class);
			String key = "vc:wx:access_token:" + appId;
			assertThat(redisTemplate.opsForValue().get(key)).isEqualTo(TOKEN);
			assertThat(redisTemplate.getExpire(key)).isPositive();
		}));
		wechat.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token")));
		wechat.verify(2, getRequestedFor(urlPathEqualTo("/sns/jscode2session")).withQueryParam("access_token",
				equalTo(TOKEN)));
	}

	@Test
	void keepsAccessTokenInMemoryWithoutRedis() {
		stubSession("code-a", okJson(SESSION));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WechatAutoConfiguration.class))
			.withPropertyValues("vc.wechat.mini-app.app-id=" + appId, "vc.wechat.mini-app.secret=" + SECRET,
					"vc.wechat.api-host=" + wechat.baseUrl())
			.run(context -> {
				MiniProgramAuth auth = context.getBean(MiniProgramAuth.class);
				StepVerifier.create(auth.code2Session("code-a")).expectNextCount(1).verifyComplete();
				StepVerifier.create(auth.code2Session("code-a")).expectNextCount(1).verifyComplete();
			});
		wechat.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token")));
	}

	@Test
	void neverLogsSessionKeyEvenWithDebugLogging() {
		LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
		String[] leaky = { "cn.binarywang", "org.apache.http" };
		ListAppender<ILoggingEvent> captured = new ListAppender<>();
		captured.start();
		logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(captured);
		try {
			for (String name : leaky) {
				logback.getLogger(name).setLevel(Level.DEBUG);
			}
			stubSession("081abcDEF", okJson(SESSION));
			stubSession("expired", okJson("{\"errcode\":40029,\"errmsg\":\"invalid code\"}"));
			runner().run(context -> {
				MiniProgramAuth auth = context.getBean(MiniProgramAuth.class);
				StepVerifier.create(auth.code2Session("081abcDEF")).expectNextCount(1).verifyComplete();
				StepVerifier.create(auth.code2Session("expired")).expectError().verify();
			});
		}
		finally {
			logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(captured);
			for (String name : leaky) {
				logback.getLogger(name).setLevel(null);
			}
		}
		assertThat(captured.list).isNotEmpty()
			.allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(SESSION_KEY)
				.doesNotContain(TOKEN)
				.doesNotContain(SECRET));
	}

	@Test
	void neverBlocksCallerThread() {
		stubSession("081abcDEF", okJson(SESSION));
		stubSession("busy", okJson("{\"errcode\":-1,\"errmsg\":\"system error\"}"));
		runner().run(context -> {
			MiniProgramAuth auth = context.getBean(MiniProgramAuth.class);
			// BlockHound fails any blocking call on Reactor's non-blocking threads.
			StepVerifier.create(Mono.defer(() -> auth.code2Session("081abcDEF")).subscribeOn(Schedulers.parallel()))
				.expectNextCount(1)
				.expectComplete()
				.verify(Duration.ofSeconds(5));
			StepVerifier.create(Mono.defer(() -> auth.code2Session("busy")).subscribeOn(Schedulers.parallel()))
				.expectError(WechatUnavailableException.class)
				.verify(Duration.ofSeconds(5));
		});
	}

	@Test
	void disposesSchedulerOnShutdown() {
		Scheduler[] scheduler = new Scheduler[1];
		runner().run(context -> scheduler[0] = context.getBean("wechatScheduler", Scheduler.class));
		assertThat(scheduler[0].isDisposed()).isTrue();
	}

}
