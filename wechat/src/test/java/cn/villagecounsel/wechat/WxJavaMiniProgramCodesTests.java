package cn.villagecounsel.wechat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mini-program codes through WxJava against WireMock playing WeChat's documented {@code getwxacodeunlimit}.
 */
class WxJavaMiniProgramCodesTests {

	@RegisterExtension
	static WireMockExtension wechat = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String SECRET = "0123456789abcdef0123456789abcdef";

	private static final String TOKEN = "ACCESS_TOKEN_QR";

	private static final String CODE_PATH = "/wxa/getwxacodeunlimit";

	private static final String SCENE = "v=621025100201";

	private static final String PAGE = "pages/village/index";

	private static final byte[] PNG = image("png", 600);

	private final String appId = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

	/**
	 * The first call in a JVM loads WxJava, HttpClient and ImageIO: tests measuring timeouts should measure WeChat.
	 */
	@BeforeAll
	static void warmUp() {
		WxJavaMiniProgramCodesTests test = new WxJavaMiniProgramCodesTests();
		test.stubStableToken();
		test.stubCode(aResponse().withHeader("Content-Type", "image/png").withBody(PNG));
		test.runner()
			.withPropertyValues("vc.wechat.timeout=30s")
			.run(context -> context.getBean(MiniProgramCodes.class).unlimitedCode(SCENE, PAGE).block());
	}

	@BeforeEach
	void stubStableToken() {
		wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
			.withRequestBody(matchingJsonPath("$.appid", equalTo(appId)))
			.willReturn(okJson("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}")));
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WechatAutoConfiguration.class))
			.withPropertyValues("vc.wechat.mini-app.app-id=" + appId, "vc.wechat.mini-app.secret=" + SECRET,
					"vc.wechat.api-host=" + wechat.baseUrl(), "vc.wechat.retry-backoff=10ms");
	}

	/** WeChat's request as documented: POST JSON with the access token in the query. */
	private void stubCode(ResponseDefinitionBuilder response) {
		wechat.stubFor(post(urlPathEqualTo(CODE_PATH)).withQueryParam("access_token", equalTo(TOKEN))
			.withRequestBody(matchingJsonPath("$.scene", equalTo(SCENE)))
			.withRequestBody(matchingJsonPath("$.page", equalTo(PAGE)))
			.withRequestBody(matchingJsonPath("$.check_path", equalTo("true")))
			.withRequestBody(matchingJsonPath("$.env_version", equalTo("release")))
			.withRequestBody(matchingJsonPath("$.width", equalTo("600")))
			.willReturn(response));
	}

	private static void verifyCodeCalls(int count) {
		wechat.verify(count, postRequestedFor(urlPathEqualTo(CODE_PATH)));
	}

	private static ResponseDefinitionBuilder errcode(int errcode, String errmsg) {
		return okJson("{\"errcode\":" + errcode + ",\"errmsg\":\"" + errmsg + "\"}");
	}

	private static byte[] image(String format, int size) {
		BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(Color.WHITE);
		graphics.fillRect(0, 0, size, size);
		graphics.setColor(Color.BLACK);
		graphics.fillOval(size / 4, size / 4, size / 2, size / 2);
		graphics.dispose();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			assertThat(ImageIO.write(image, format, bytes)).isTrue();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return bytes.toByteArray();
	}

	private static BufferedImage read(byte[] bytes) {
		try {
			return ImageIO.read(new ByteArrayInputStream(bytes));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void returnsWechatsPng() {
		stubCode(aResponse().withHeader("Content-Type", "image/png").withBody(PNG));
		runner().run(context -> StepVerifier.create(context.getBean(MiniProgramCodes.class).unlimitedCode(SCENE, PAGE))
			.assertNext(png -> assertThat(png).isEqualTo(PNG))
			.verifyComplete());
		verifyCodeCalls(1);
	}

	@Test
	void convertsWechatsJpegToPng() {
		stubCode(aResponse().withHeader("Content-Type", "image/jpeg").withBody(image("jpeg", 430)));
		runner().run(context -> StepVerifier.create(context.getBean(MiniProgramCodes.class).unlimitedCode(SCENE, PAGE))
			.assertNext(png -> {
				assertThat(Images.isPng(png)).isTrue();
				BufferedImage image = read(png);
				assertThat(image.getWidth()).isEqualTo(430);
				assertThat(image.getHeight()).isEqualTo(430);
				// The dark circle survived the conversion.
				assertThat(image.getRGB(215, 215) & 0xFFFFFF).isLessThan(0x202020);
				assertThat(image.getRGB(5, 5) & 0xFFFFFF).isGreaterThan(0xE0E0E0);
			})
			.verifyComplete());
	}

	@Test
	void opensHomePageWithoutPage() {
		wechat.stubFor(post(urlPathEqualTo(CODE_PATH)).withRequestBody(matchingJsonPath("$.scene", equalTo("a")))
			.withRequestBody(notContaining("\"page\""))
			.willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));
		runner().run(context -> StepVerifier.create(context.getBean(MiniProgramCodes.class).unlimitedCode("a", " "))
			.expectNextCount(1)
			.verifyComplete());
	}

	@Test
	void asksForTrialVersionWithoutPathCheck() {
		wechat.stubFor(post(urlPathEqualTo(CODE_PATH))
			.withRequestBody(matchingJsonPath("$.env_version", equalTo("trial")))
			.withRequestBody(matchingJsonPath("$.check_path", equalTo("false")))
			.willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));
		runner().withPropertyValues("vc.wechat.mini-app.env-version=trial")
			.run(context -> StepVerifier.create(context.getBean(MiniProgramCodes.class).unlimitedCode(SCENE, PAGE))
				.expectNextCount(1)
				.verifyComplete());
	}

	@Test
	void reportsErrcodeAsUnavailableWithoutRetrying() {
		// The page is not published (check_path is true).
		stubCode(errcode(41030, "invalid page rid: 6683a6b1-1d8e0a7f-4b3c2d1e"));
		runner().run(context -> StepVerifier.create(context.getBean(MiniProgramCodes.class).unlimitedCode(SCENE, PAGE))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WechatUnavailableException.class)
				.extracting("errcodeOrReason")
				.isEqualTo("41030"))
			.verify(Duration.ofSeconds(5)));
		verifyCodeCalls(1);
	}

	@Test
	void recognisesErrcodeJsonSentWithoutJsonContentType() {
		// WxJava alone would return these bytes as the image.
		stubCode(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/plain")
			.withBody("{\"errcode\":40169,\"errmsg\":\"invalid length for scene\"}"));
		runner().run(context -> StepVerifier.create(context.getBean(MiniProgramCodes.class).unlimitedCode(SCENE, PAGE))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WechatUnavailableException.class)
				.extracting("errcodeOrReason")
				.isEqualTo("40169"))
			.verify(Duration.ofSeconds(5)));
		verifyCodeCalls(1);
	}

	@Test
	void reportsDailyQuotaAsRateLimitedWithoutRetrying() {
		stubCode(errcode(45009, "reach max api daily quota limit"));
		runner().run(context -> StepVerifier.create(context.getBean(MiniProgramCodes.class).unlimitedCode(SCENE, PAGE))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WechatRateLimitedException.class)
				.extracting("errcodeOrReason")
				.isEqualTo("45009"))
			.verify(Duration.ofSeconds(5)));
		verifyCodeCalls(1);
	}

	@Test
	void retriesWhileWechatIsBusy() {
		wechat.stubFor(post(urlPathEqualTo(CODE_PATH)).inScenario("busy")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(errcode(-1, "system error"))
			.willSetStateTo("recovered"));
		wechat.stubFor(post(urlPathEqualTo(CODE_PATH)).inScenario("busy")
			.whenScenarioStateIs("recovered")
			.willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));
		runner().run(context -> StepVerifier.create(context.getBean(MiniProgramCodes.class).unlimitedCode(SCENE, PAGE))
			.assertNext(png -> assertThat(png).isEqualTo(PNG))
			.expectComplete()
			.verify(Duration.ofSeconds(5)));
		verifyCodeCalls(2);
	}

	@Test
	void retriesThenGivesUpOnHttpServerError() {
		stubCode(aResponse().withStatus(500).withBody("Internal Server Error"));
		runner().run(context -> StepVerifier.create(context.getBean(MiniProgramCodes.class).unlimitedCode(SCENE, PAGE))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WechatUnavailableException.class)
				.extracting("errcodeOrReason")
				.isEqualTo("I/O error"))
			.verify(Duration.ofSeconds(5)));
		verifyCodeCalls(3);
	}

	@Test
	void retriesThenGivesUpWhenConnectionIsReset() {
		stubCode(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		runner().run(context -> StepVerifier.create(context.getBean(MiniProgramCodes.class).unlimitedCode(SCENE, PAGE))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WechatUnavailableException.class)
				.extracting("errcodeOrReason")
				.isEqualTo("I/O error"))
			.verify(Duration.ofSeconds(5)));
		verifyCodeCalls(3);
	}

	@Test
	void timesOutOnSlowWechat() {
		stubCode(aResponse().withHeader("Content-Type", "image/png").withBody(PNG));
		wechat.stubFor(post(urlPathEqualTo(CODE_PATH)).withRequestBody(matchingJsonPath("$.scene", equalTo("slow")))
			.willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG).withFixedDelay(3_000)));
		runner().withPropertyValues("vc.wechat.timeout=1s").run(context -> {
			MiniProgramCodes codes = context.getBean(MiniProgramCodes.class);
			// A first call fetches the token and opens a connection, so that only the slow call is timed.
			StepVerifier.create(codes.unlimitedCode(SCENE, PAGE)).expectNextCount(1).verifyComplete();
			Duration took = StepVerifier.create(codes.unlimitedCode("slow", PAGE))
				.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WechatUnavailableException.class)
					.extracting("errcodeOrReason")
					.isEqualTo("timeout"))
				.verify(Duration.ofMillis(2_500));
			assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		});
	}

	@Test
	void reportsBodyThatIsNoImageAsMalformed() {
		stubCode(aResponse().withStatus(200).withHeader("Content-Type", "image/jpeg").withBody("<html>维护中</html>"));
		runner().run(context -> StepVerifier.create(context.getBean(MiniProgramCodes.class).unlimitedCode(SCENE, PAGE))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WechatUnavailableException.class)
				.extracting("errcodeOrReason")
				.isEqualTo("malformed response"))
			.verify(Duration.ofSeconds(5)));
		verifyCodeCalls(1);
	}

	@Test
	void rejectsMalformedSceneOrPageWithoutCallingWechat() {
		runner().run(context -> {
			MiniProgramCodes codes = context.getBean(MiniProgramCodes.class);
			for (String scene : new String[] { null, "", "a".repeat(33), "村=1", "a b", "a\"b" }) {
				StepVerifier.create(codes.unlimitedCode(scene, PAGE)).expectError(IllegalArgumentException.class).verify();
			}
			for (String page : new String[] { "/pages/index", "pages/index?x=1", "pages//index", "a".repeat(129) }) {
				StepVerifier.create(codes.unlimitedCode(SCENE, page)).expectError(IllegalArgumentException.class).verify();
			}
		});
		verifyCodeCalls(0);
	}

	@Test
	void neverBlocksCallerThread() {
		stubCode(aResponse().withHeader("Content-Type", "image/jpeg").withBody(image("jpeg", 430)));
		runner().run(context -> {
			MiniProgramCodes codes = context.getBean(MiniProgramCodes.class);
			// BlockHound fails any blocking call on Reactor's non-blocking threads.
			StepVerifier.create(Mono.defer(() -> codes.unlimitedCode(SCENE, PAGE)).subscribeOn(Schedulers.parallel()))
				.expectNextCount(1)
				.expectComplete()
				.verify(Duration.ofSeconds(5));
		});
	}

}
