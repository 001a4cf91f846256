package cn.villagecounsel.wechat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding and validation of {@code vc.wechat.*}.
 */
class WechatPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WechatAutoConfiguration.class));

	@Test
	void defaultsToWechatsRealApi() {
		runner.run(context -> {
			WechatProperties properties = context.getBean(WechatProperties.class);
			assertThat(properties.apiHost()).isEqualTo("https://api.weixin.qq.com");
			assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.maxRetries()).isEqualTo(2);
			assertThat(properties.retryBackoff()).isEqualTo(Duration.ofMillis(200));
			assertThat(properties.schedulerThreads()).isEqualTo(8);
			assertThat(properties.miniApp().configured()).isFalse();
			assertThat(properties.miniApp().envVersion()).isEqualTo("release");
			assertThat(properties.sandboxLinkBase()).isEqualTo("https://example.invalid/mp/");
		});
	}

	@Test
	void bindsCodeSettings() {
		runner.withPropertyValues("vc.wechat.mini-app.env-version=trial",
				"vc.wechat.sandbox-link-base=https://dev.example.cn/mp")
			.run(context -> {
				WechatProperties properties = context.getBean(WechatProperties.class);
				assertThat(properties.miniApp().envVersion()).isEqualTo("trial");
				assertThat(properties.sandboxLinkBase()).isEqualTo("https://dev.example.cn/mp/");
			});
	}

	@Test
	void refusesUnknownEnvVersion() {
		runner.withPropertyValues("vc.wechat.mini-app.env-version=beta")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("vc.wechat.mini-app.env-version must be release, trial or develop"));
	}

	@Test
	void bindsConfiguredApp() {
		runner.withPropertyValues("vc.wechat.mini-app.app-id=wx1234567890abcdef",
				"vc.wechat.mini-app.secret=0123456789abcdef0123456789abcdef", "vc.wechat.api-host=http://127.0.0.1:9/")
			.run(context -> {
				WechatProperties properties = context.getBean(WechatProperties.class);
				assertThat(properties.apiHost()).isEqualTo("http://127.0.0.1:9");
				assertThat(properties.miniApp().configured()).isTrue();
				assertThat(properties.toString()).contains("wx1234567890abcdef")
					.doesNotContain("0123456789abcdef0123456789abcdef");
				assertThat(context.getBean(MiniProgramAuth.class).sandbox()).isFalse();
			});
	}

	@Test
	void refusesAppIdWithoutSecret() {
		runner.withPropertyValues("vc.wechat.mini-app.app-id=wx1234567890abcdef")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("vc.wechat.mini-app.secret must be set"));
	}

	@Test
	void refusesApiHostThatIsNotHttp() {
		runner.withPropertyValues("vc.wechat.api-host=ftp://api.weixin.qq.com")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("vc.wechat.api-host must be an http(s) URL"));
	}

	@Test
	void refusesOutOfRangeNumbers() {
		runner.withPropertyValues("vc.wechat.scheduler-threads=0")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("scheduler-threads"));
		runner.withPropertyValues("vc.wechat.max-retries=-1")
			.run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("max-retries"));
		runner.withPropertyValues("vc.wechat.timeout=0s")
			.run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("timeout"));
	}

}
