package cn.villagecounsel.api;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The api with a configured mini-program and Official Account whose WeChat (and WeCom) API is WireMock: WxJava
 * talks WeChat's documented HTTP API to it. Every subclass shares the one stub server and so the one Spring context.
 */
@IntegrationTest
public abstract class ThroughWechatApi {

    protected static final String APP_ID = "wx0123456789abcdef";
    protected static final String OFFICIAL_ACCOUNT_ID = "wxfedcba9876543210";
    /** A one-time subscription template mapped from our {@code test.reply}. */
    protected static final String REPLY_TEMPLATE = "TPL-REPLY-0001";
    /** A long-term template mapped from our {@code test.reminder}. */
    protected static final String LONG_TERM_TEMPLATE = "TPL-LONG-0001";
    protected static final WireMockServer wechat = new WireMockServer(options().dynamicPort());

    static {
        wechat.start();
        Runtime.getRuntime().addShutdownHook(new Thread(wechat::stop));
    }

    @DynamicPropertySource
    static void wechatApp(DynamicPropertyRegistry registry) {
        registry.add("vc.wechat.mini-app.app-id", () -> APP_ID);
        registry.add("vc.wechat.mini-app.secret", () -> "test-secret");
        registry.add("vc.wechat.api-host", wechat::baseUrl);
        registry.add("vc.wechat.retry-backoff", () -> "10ms");
        registry.add("vc.wechat.official-account.app-id", () -> OFFICIAL_ACCOUNT_ID);
        registry.add("vc.wechat.official-account.secret", () -> "test-oa-secret");
        registry.add("vc.wechat.work-api-host", wechat::baseUrl);
        registry.add("vc.notifications.templates[test.reply].template-id", () -> REPLY_TEMPLATE);
        registry.add("vc.notifications.templates[test.reply].fields.thing1", () -> "{title}");
        registry.add("vc.notifications.templates[test.reply].fields.thing2", () -> "{topic}");
        registry.add("vc.notifications.templates[test.reminder].template-id", () -> LONG_TERM_TEMPLATE);
        registry.add("vc.notifications.templates[test.reminder].long-term", () -> "true");
        registry.add("vc.notifications.templates[test.reminder].fields.thing1", () -> "{title}");
    }

    @BeforeEach
    void stableToken() {
        wechat.resetAll();
        wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
                .willReturn(okJson("{\"access_token\":\"ACCESS\",\"expires_in\":7200}")));
    }
}
