package cn.villagecounsel.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.jayway.jsonpath.JsonPath;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import redis.embedded.RedisServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "vc.gateway.admin-location=classpath:/admin-fixture/",
				"vc.gateway.trusted-proxies=127.0.0.1,::1", "vc.gateway.max-request-size=1KB",
				"vc.gateway.rate-limit.anonymous.replenish-rate=4", "vc.gateway.rate-limit.anonymous.burst-capacity=4",
				"vc.gateway.rate-limit.authenticated.replenish-rate=4",
				"vc.gateway.rate-limit.authenticated.burst-capacity=6",
				"spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s", "management.server.port=0" })
@AutoConfigureWebTestClient
@DirtiesContext
class GatewayTest {

	private static final String API_BODY = "{\"from\":\"api\"}";

	private static final TestTokens tokens = new TestTokens();

	private static final WireMockServer api = new WireMockServer(options().dynamicPort());

	private static final int redisPort = FreePort.find();

	private static RedisServer redis;

	// every test speaks as its own client (through the trusted local proxy), so buckets never leak between tests
	private static final AtomicInteger clients = new AtomicInteger();

	@Autowired
	private WebTestClient webTestClient;

	@Autowired
	private ApplicationContext context;

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@BeforeAll
	static void startInfrastructure() throws Exception {
		redis = new RedisServer(redisPort);
		redis.start();
		api.start();
	}

	@AfterAll
	static void stopInfrastructure() throws Exception {
		api.stop();
		redis.stop();
	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("API_URL", api::baseUrl);
		registry.add("REDIS_URL", () -> "redis://127.0.0.1:" + redisPort);
	}

	@BeforeEach
	void resetApi() {
		api.resetAll();
		api.stubFor(any(anyUrl()).atPriority(10).willReturn(okJson(API_BODY)));
		api.stubFor(get("/oauth2/jwks").willReturn(okJson(tokens.jwkSetJson())));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/regions", "/oauth2/token", "/open/v1/villages", "/wx/ma/callback",
			"/v3/api-docs", "/v3/api-docs/swagger-config", "/swagger-ui.html", "/swagger-ui/index.html",
			"/webjars/swagger-ui/index.html", "/actuator/health", "/actuator/health/liveness" })
	void routesEachPrefixToTheApiWithTheRequestId(String path) {
		String requestId = "route-" + clients.incrementAndGet();

		client().get()
			.uri(path)
			.header("X-Request-Id", requestId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Request-Id", requestId)
			.expectBody(String.class)
			.isEqualTo(API_BODY);

		api.verify(1, getRequestedFor(urlEqualTo(path)).withHeader("X-Request-Id", equalTo(requestId)));
	}

	@Test
	void forwardsBodiesOfWritesUnchanged() {
		String login = "{\"username\":\"zn-admin\",\"password\":\"Demo@2026\"}";

		client().post()
			.uri("/api/v1/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(login)
			.exchange()
			.expectStatus()
			.isOk();

		api.verify(postRequestedFor(urlEqualTo("/api/v1/auth/login")).withRequestBody(equalToJson(login)));
	}

	@Test
	void replacesMalformedRequestIdWithAGeneratedOne() {
		String sent = "not a valid id!";

		String returned = client().get()
			.uri("/api/v1/me")
			.header("X-Request-Id", sent)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("X-Request-Id");

		assertThat(returned).isNotEqualTo(sent)
			.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
		api.verify(getRequestedFor(urlEqualTo("/api/v1/me")).withHeader("X-Request-Id", equalTo(returned)));
	}

	@Test
	void showsTheApisHealthOnThePublicPortAndItsOwnOnTheManagementPort() {
		api.stubFor(get("/actuator/health").willReturn(okJson(
				"{\"status\":\"UP\",\"components\":{\"mongo\":{\"status\":\"UP\"},\"redis\":{\"status\":\"UP\"}}}")));

		client().get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.mongo.status")
			.isEqualTo("UP");

		WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.managementPort)
			.build()
			.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.redis.status")
			.isEqualTo("UP")
			.jsonPath("$.components.mongo")
			.doesNotExist()
			.jsonPath("$.components.discoveryComposite")
			.doesNotExist();
	}

	@Test
	void doesNotAuthenticateRequestsItself() {
		client().post()
			.uri("/api/v1/auth/logout")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"refresh_token\":\"r\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.WWW_AUTHENTICATE);

		// the JWT decoder came without Spring Security's web layer, so nothing can switch a filter chain on
		assertThat(ClassUtils.isPresent("org.springframework.security.web.server.SecurityWebFilterChain", null))
			.isFalse();
		assertThat(this.context.containsBean("springSecurityFilterChain")).isFalse();
	}

	@Test
	void redirectsAdminToItsTrailingSlash() {
		client().get()
			.uri("/admin")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.MOVED_PERMANENTLY)
			.expectHeader()
			.location("/admin/");
	}

	@Test
	void servesAdminIndexWithoutCachingIt() {
		client().get()
			.uri("/admin/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("管理后台"));
	}

	@Test
	void servesAdminIndexForClientSideRoutes() {
		client().get()
			.uri("/admin/users/1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("<div id=\"app\">"));
	}

	@Test
	void cachesHashedAdminAssetsForGood() {
		client().get()
			.uri("/admin/assets/index-3f2a1b.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value(HttpHeaders.CACHE_CONTROL,
					(cacheControl) -> assertThat(cacheControl).contains("max-age=31536000").contains("immutable"))
			.expectBody(String.class)
			.value((js) -> assertThat(js).contains("admin fixture"));
	}

	@Test
	void answersMissingAdminAssetWithNotFoundProblem() {
		expectProblem(client().get().uri("/admin/assets/nope.js").exchange(), HttpStatus.NOT_FOUND, "NOT_FOUND");
	}

	@Test
	void refusesWritesToTheAdminConsole() {
		WebTestClient.ResponseSpec response = client().post().uri("/admin/users").exchange();

		expectProblem(response, HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED");
		response.expectHeader().valueEquals(HttpHeaders.ALLOW, "GET, HEAD");
	}

	@Test
	void answersUnknownPathsWithNotFoundProblem() {
		expectProblem(client().get().uri("/nope").exchange(), HttpStatus.NOT_FOUND, "NOT_FOUND");
		// the gateway's own actuator is not on the public port
		expectProblem(client().get().uri("/actuator/env").exchange(), HttpStatus.NOT_FOUND, "NOT_FOUND");
		api.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void neverLimitsANormalPace() {
		String address = newClientAddress();
		WebClient client = WebClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader("X-Forwarded-For", address)
			.build();

		// 2.5 requests a second against a bucket of 4 refilled with 4 a second; 6 requests outlast the burst
		List<HttpStatus> statuses = Flux.interval(Duration.ofMillis(400))
			.take(6)
			.concatMap((tick) -> client.get()
				.uri("/api/v1/regions")
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode())))
			.map((status) -> HttpStatus.valueOf(status.value()))
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(statuses).hasSize(6).containsOnly(HttpStatus.OK);
	}

	@Test
	void limitsABurstFromOneClientWithRetryAfter() {
		String address = newClientAddress();

		List<ResponseEntity<String>> responses = burst(20, (spec) -> spec.header("X-Forwarded-For", address));

		List<ResponseEntity<String>> limited = responses.stream()
			.filter((response) -> response.getStatusCode() == HttpStatus.TOO_MANY_REQUESTS)
			.toList();
		// 4 tokens, plus 4 more should the burst straddle a second
		assertThat(responses.size() - limited.size()).isBetween(1, 8);
		ResponseEntity<String> denied = limited.get(0);
		assertThat(denied.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(Long.parseLong(Objects.requireNonNull(denied.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))))
			.isGreaterThanOrEqualTo(1);
		assertThat(denied.getBody()).contains("\"code\":\"RATE_LIMITED\"")
			.contains("请求过于频繁，请稍后再试。")
			.contains("\"traceId\":\"" + denied.getHeaders().getFirst("X-Request-Id") + "\"");

		// another client is not affected
		client().get().uri("/api/v1/regions").exchange().expectStatus().isOk();
	}

	@Test
	void givesEachVerifiedSubjectItsOwnBucket() {
		String address = newClientAddress();
		String alice = tokens.valid("alice-" + address);

		List<ResponseEntity<String>> responses = burst(20,
				(spec) -> spec.header("X-Forwarded-For", address).headers((h) -> h.setBearerAuth(alice)));

		assertThat(responses).anyMatch((response) -> response.getStatusCode() == HttpStatus.TOO_MANY_REQUESTS);
		assertThat(responses).allMatch((response) -> "6"
			.equals(response.getHeaders().getFirst("X-RateLimit-Burst-Capacity")));
		// same address, another user: a fresh bucket; and the address's own bucket was not touched
		client(address).get()
			.uri("/api/v1/regions")
			.headers((h) -> h.setBearerAuth(tokens.valid("bob-" + address)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-RateLimit-Burst-Capacity", "6");
		client(address).get().uri("/api/v1/regions").exchange().expectStatus().isOk();
	}

	@Test
	void limitsForgedTokensByClientAddress() {
		String address = newClientAddress();
		AtomicInteger subjects = new AtomicInteger();

		// a fresh subject per request would never be limited if the gateway trusted unverified tokens
		List<ResponseEntity<String>> responses = burst(20, (spec) -> spec.header("X-Forwarded-For", address)
			.headers((h) -> h.setBearerAuth(tokens.forged("mallory-" + subjects.incrementAndGet()))));

		assertThat(responses).anyMatch((response) -> response.getStatusCode() == HttpStatus.TOO_MANY_REQUESTS);
		assertThat(responses).allMatch((response) -> "4"
			.equals(response.getHeaders().getFirst("X-RateLimit-Burst-Capacity")));
	}

	@Test
	void limitsExpiredTokensByClientAddress() {
		client().get()
			.uri("/api/v1/regions")
			.headers((h) -> h.setBearerAuth(tokens.expired("erin")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-RateLimit-Burst-Capacity", "4");
	}

	@Test
	void refusesBodiesOverTheLimitByContentLength() {
		String problem = expectProblem(client().post()
			.uri("/api/v1/files")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(new byte[2048])
			.exchange(), HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE");

		assertThat(JsonPath.<String>read(problem, "$.detail")).isEqualTo("请求内容超过 1 KB 的上限，请压缩或拆分后重试。");
		api.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void refusesChunkedBodiesThatGrowOverTheLimit() {
		Flux<DataBuffer> chunks = Flux.range(0, 3)
			.map((i) -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[512]));

		expectProblem(client().post()
			.uri("/api/v1/files")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(chunks, DataBuffer.class)
			.exchange(), HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE");
	}

	@Test
	void passesApiProblemsThroughUnchangedAndDoesNotRetryThem() {
		String problem = "{\"type\":\"https://villagecounsel.cn/problems/wechat-unavailable\",\"title\":\"微信服务不可用\","
				+ "\"status\":503,\"detail\":\"微信服务暂时不可用。\",\"code\":\"WECHAT_UNAVAILABLE\",\"traceId\":\"x\"}";
		api.stubFor(get("/api/v1/wechat-thing").willReturn(aResponse().withStatus(503)
			.withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
			.withBody(problem)));

		client().get()
			.uri("/api/v1/wechat-thing")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.isEqualTo(problem);
		api.verify(1, getRequestedFor(urlEqualTo("/api/v1/wechat-thing")));
	}

	@Test
	void answersBadGatewayWhenTheApiBreaksTheConnection() {
		api.stubFor(get("/api/v1/broken").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		String problem = expectProblem(client().get().uri("/api/v1/broken").exchange(), HttpStatus.BAD_GATEWAY,
				"BAD_GATEWAY");

		assertThat(JsonPath.<String>read(problem, "$.detail")).isEqualTo("后端服务返回了无效响应，请稍后再试。");
		// the request reached the api, so it is not retried
		api.verify(1, getRequestedFor(urlEqualTo("/api/v1/broken")));
	}

	@Test
	void answersGatewayTimeoutWhenTheApiIsSlow() {
		api.stubFor(get(urlPathMatching("/api/v1/slow")).willReturn(okJson(API_BODY).withFixedDelay(2500)));

		String problem = expectProblem(client().get().uri("/api/v1/slow").exchange(), HttpStatus.GATEWAY_TIMEOUT,
				"GATEWAY_TIMEOUT");

		assertThat(JsonPath.<String>read(problem, "$.detail")).isEqualTo("后端服务响应超时，请稍后再试。");
		api.verify(1, getRequestedFor(urlEqualTo("/api/v1/slow")));
	}

	@Test
	void addsSecurityHeadersToEveryKindOfResponse() {
		for (String path : List.of("/admin/", "/api/v1/regions", "/nope")) {
			client().get()
				.uri(path)
				.exchange()
				.expectHeader()
				.valueEquals("X-Content-Type-Options", "nosniff")
				.expectHeader()
				.valueEquals("X-Frame-Options", "DENY")
				.expectHeader()
				.valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
				.expectHeader()
				.value("Content-Security-Policy", (csp) -> assertThat(csp).contains("style-src 'self' 'unsafe-inline'")
					.contains("script-src 'self';")
					.contains("frame-ancestors 'none'"))
				.expectHeader()
				.doesNotExist("Strict-Transport-Security")
				.expectBody()
				.returnResult();
		}
	}

	@Test
	void letsSwaggerUiRunItsInlineScript() {
		client().get()
			.uri("/swagger-ui/oauth2-redirect.html")
			.exchange()
			.expectHeader()
			.value("Content-Security-Policy",
					(csp) -> assertThat(csp).contains("script-src 'self' 'unsafe-inline'"))
			.expectBody()
			.returnResult();
	}

	@Test
	void sendsStrictTransportSecurityOnlyForHttpsBehindATrustedProxy() {
		client().get()
			.uri("/api/v1/regions")
			.header("X-Forwarded-Proto", "https")
			.exchange()
			.expectHeader()
			.valueEquals("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
			.expectBody()
			.returnResult();
	}

	private WebTestClient client() {
		return client(newClientAddress());
	}

	private WebTestClient client(String address) {
		return this.webTestClient.mutate().defaultHeader("X-Forwarded-For", address).build();
	}

	private static String newClientAddress() {
		int n = clients.incrementAndGet();
		return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
	}

	private List<ResponseEntity<String>> burst(int requests,
			Function<WebClient.RequestHeadersSpec<?>, WebClient.RequestHeadersSpec<?>> customizer) {
		WebClient client = WebClient.create("http://localhost:" + this.port);
		return Flux.range(0, requests)
			.flatMap((i) -> customizer.apply(client.get().uri("/api/v1/regions"))
				.exchangeToMono((response) -> response.toEntity(String.class)), requests)
			.collectList()
			.block(Duration.ofSeconds(10));
	}

	/** Asserts a problem+json answer with the contract's fields; returns its body for further checks. */
	private static String expectProblem(WebTestClient.ResponseSpec response, HttpStatus status, String code) {
		EntityExchangeResult<byte[]> result = response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(status.value())
			.jsonPath("$.code")
			.isEqualTo(code)
			.jsonPath("$.type")
			.isEqualTo("https://villagecounsel.cn/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'))
			.jsonPath("$.title")
			.isNotEmpty()
			.jsonPath("$.detail")
			.isNotEmpty()
			.returnResult();
		String json = new String(Objects.requireNonNull(result.getResponseBody()), StandardCharsets.UTF_8);
		assertThat(JsonPath.<String>read(json, "$.traceId"))
			.isEqualTo(result.getResponseHeaders().getFirst("X-Request-Id"));
		assertThat(json).doesNotContain("Exception").doesNotContain("\"trace\"");
		return json;
	}

}
