package cn.villagecounsel.api.account;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import cn.villagecounsel.api.ThroughWechatApi;

/** Resident sign-in with a configured mini-program: WxJava against WeChat's documented API, stubbed by WireMock. */
class WechatSignInThroughWxJavaTest extends ThroughWechatApi {

    private static final String SESSION_KEY = "tiihtNczf5v6AKRyjwEUhQ==";

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    WechatSessions wechatSessions;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void aValidCodeSignsInTheResidentKeepsTheUnionidAndNeverReturnsTheSessionKey() {
        stubSession("code-ok", okJson("{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\",\"unionid\":\"oTmHYjg-union\","
                + "\"session_key\":\"" + SESSION_KEY + "\"}"));

        String body = signIn("code-ok").expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).contains("access_token").doesNotContain(SESSION_KEY, "session_key");
        User user = mongo.findOne(Query.query(Criteria.where("openid").is("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")), User.class)
                .block(Duration.ofSeconds(5));
        assertThat(user.unionid()).isEqualTo("oTmHYjg-union");
        assertThat(user.displayName()).isEqualTo("微信用户");
        assertThat(wechatSessions.sessionKeyOf(user.id()).block(Duration.ofSeconds(5))).isEqualTo(SESSION_KEY);
        assertThat(redis.opsForValue().get("vc:wx:session-key:" + user.id()).block(Duration.ofSeconds(5)))
                .as("stored encrypted").startsWith("v1.").doesNotContain(SESSION_KEY);
        wechat.verify(1, getRequestedFor(urlPathEqualTo("/sns/jscode2session")).withQueryParam("js_code",
                equalTo("code-ok")));
    }

    @Test
    void anInvalidCodeIsA400Problem() {
        stubSession("code-old", okJson("{\"errcode\":40029,\"errmsg\":\"invalid code\"}"));

        signIn("code-old").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("WECHAT_CODE_INVALID");
    }

    @Test
    void wechatsLoginQuotaIsA429ProblemWithRetryAfter() {
        stubSession("code-busy", okJson("{\"errcode\":45011,\"errmsg\":\"api minute-quota reach limit\"}"));

        signIn("code-busy").expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.code").isEqualTo("RATE_LIMITED");
    }

    @Test
    void aWechatOutageIsA503ProblemAfterRetries() {
        stubSession("code-down", okJson("{\"errcode\":-1,\"errmsg\":\"system error\"}"));

        signIn("code-down").expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.code").isEqualTo("WECHAT_UNAVAILABLE")
                .jsonPath("$.detail").isEqualTo("微信服务暂时不可用，请稍后重试。");
        wechat.verify(3, getRequestedFor(urlPathEqualTo("/sns/jscode2session")));
    }

    @Test
    void sandboxCodesAreRefusedOnceARealAppIsConfigured() {
        signIn("sandbox:张三").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("WECHAT_CODE_INVALID");
    }

    private void stubSession(String code, ResponseDefinitionBuilder response) {
        wechat.stubFor(get(urlPathEqualTo("/sns/jscode2session")).withQueryParam("js_code", equalTo(code))
                .willReturn(response));
    }

    private WebTestClient.ResponseSpec signIn(String code) {
        return client.post().uri("/api/v1/auth/wechat").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code)).exchange();
    }
}
