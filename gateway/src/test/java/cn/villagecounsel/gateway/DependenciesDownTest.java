package cn.villagecounsel.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis is never there, and the api goes away: the gateway keeps answering, without limits and with problems.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "vc.gateway.admin-location=classpath:/admin-fixture/",
				"vc.gateway.rate-limit.anonymous.replenish-rate=1", "vc.gateway.rate-limit.anonymous.burst-capacity=1",
				"vc.gateway.rate-limit.redis-retry-interval=1m", "management.server.port=0" })
@AutoConfigureWebTestClient
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class DependenciesDownTest {

	private static final String REDIS_UNAVAILABLE = "Redis is unavailable for rate limiting";

	// a fixed port, so the api can be stopped and started again where the routes point
	private static final WireMockServer api = new WireMockServer(options().port(FreePort.find()));

	@Autowired
	private WebTestClient client;

	@BeforeAll
	static void startApi() {
		api.start();
	}

	@AfterAll
	static void stopApi() {
		api.stop();
	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("API_URL", api::baseUrl);
		int closedPort = FreePort.find();
		registry.add("REDIS_URL", () -> "redis://127.0.0.1:" + closedPort);
	}

	@BeforeEach
	void stubApi() {
		if (!api.isRunning()) {
			api.start();
		}
		api.resetAll();
		api.stubFor(any(anyUrl()).willReturn(okJson("{\"from\":\"api\"}")));
	}

	@Test
	void letsRequestsThroughWhileRedisIsDownAndLogsItOnce(CapturedOutput output) {
		// a bucket of one would refuse the second request if Redis were answering
		for (int i = 0; i < 3; i++) {
			this.client.get().uri("/api/v1/regions").exchange().expectStatus().isOk();
		}

		// the output since the class started, context startup included
		assertThat(output.getAll().split(REDIS_UNAVAILABLE, -1)).hasSize(2);
	}

	@Test
	void answersServiceUnavailableWhenTheApiRefusesConnections() {
		api.stop();

		for (String method : new String[] { "GET", "POST" }) {
			this.client.method(org.springframework.http.HttpMethod.valueOf(method))
				.uri("/api/v1/regions")
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("SERVICE_UNAVAILABLE")
				.jsonPath("$.detail")
				.isEqualTo("服务暂时不可用，请稍后再试。")
				.jsonPath("$.traceId")
				.isNotEmpty();
		}
	}

	@Test
	void keepsServingTheAdminConsoleWhileTheApiIsDown() {
		api.stop();

		this.client.get().uri("/admin/").exchange().expectStatus().isOk();
	}

}
