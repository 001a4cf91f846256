package cn.villagecounsel.wechat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sandbox mode: what the auto-configuration provides when no mini-program is configured.
 */
class SandboxMiniProgramAuthTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WechatAutoConfiguration.class));

	@Test
	void signsInFakeUserWithStableOpenid() {
		runner.run(context -> {
			MiniProgramAuth auth = context.getBean(MiniProgramAuth.class);
			assertThat(auth.sandbox()).isTrue();
			WechatSession first = auth.code2Session("sandbox:张三").block();
			WechatSession again = auth.code2Session("sandbox:张三").block();
			WechatSession other = auth.code2Session("sandbox:李四").block();
			assertThat(first.openid()).startsWith("sandbox_").hasSize(28).isEqualTo(again.openid());
			assertThat(other.openid()).isNotEqualTo(first.openid());
			assertThat(first.sandboxName()).isEqualTo("张三");
			assertThat(first.unionid()).isNull();
			assertThat(first.sessionKey()).isNotBlank().isNotEqualTo(again.sessionKey());
			assertThat(first.toString()).doesNotContain(first.sessionKey());
		});
	}

	@Test
	void neverBlocksCallerThread() {
		runner.run(context -> {
			MiniProgramAuth auth = context.getBean(MiniProgramAuth.class);
			// BlockHound fails any blocking call on Reactor's non-blocking threads.
			StepVerifier.create(Mono.defer(() -> auth.code2Session("sandbox:张三")).subscribeOn(Schedulers.parallel()))
				.expectNextCount(1)
				.expectComplete()
				.verify(Duration.ofSeconds(5));
		});
	}

	@Test
	void keepsOpenidAcrossRestarts() {
		String[] openids = new String[2];
		runner.run(context -> openids[0] = context.getBean(MiniProgramAuth.class).code2Session("sandbox:王五")
			.block()
			.openid());
		runner.run(context -> openids[1] = context.getBean(MiniProgramAuth.class).code2Session("sandbox:王五")
			.block()
			.openid());
		assertThat(openids[0]).isEqualTo(openids[1]);
	}

	@Test
	void acceptsNamesUpToThirtyTwoCharacters() {
		runner.run(context -> StepVerifier
			.create(context.getBean(MiniProgramAuth.class).code2Session("sandbox:" + "村".repeat(32)))
			.assertNext(session -> assertThat(session.sandboxName()).hasSize(32))
			.verifyComplete());
	}

	@Test
	void rejectsCodesThatAreNotSandboxCodes() {
		runner.run(context -> {
			MiniProgramAuth auth = context.getBean(MiniProgramAuth.class);
			for (String code : new String[] { "sandbox:", "sandbox:   ", "sandbox:" + "村".repeat(33), "张三",
					"081abcDEF", "SANDBOX:张三", "sandbox:a\u0000b" }) {
				StepVerifier.create(auth.code2Session(code)).expectError(WechatCodeInvalidException.class).verify();
			}
			StepVerifier.create(auth.code2Session(null)).expectError(WechatCodeInvalidException.class).verify();
		});
	}

	@Test
	void refusesToStartUnderProdProfile() {
		runner.withPropertyValues("spring.profiles.active=prod").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("sandbox mode must not run under the 'prod' profile");
		});
	}

	@Test
	void blankAppIdMeansSandbox() {
		runner.withPropertyValues("vc.wechat.mini-app.app-id=  ")
			.run(context -> assertThat(context.getBean(MiniProgramAuth.class).sandbox()).isTrue());
	}

	@Test
	void startsNoWechatSchedulerInSandboxMode() {
		runner.run(context -> assertThat(context).doesNotHaveBean("wechatScheduler"));
	}

	@Test
	void yieldsToApplicationsOwnMiniProgramAuth() {
		runner.withBean(MiniProgramAuth.class, () -> new SandboxMiniProgramAuth())
			.withBean(MiniProgramCodes.class, () -> new SandboxMiniProgramCodes("https://example.invalid/"))
			.withBean(SubscriptionMessages.class, () -> message -> Mono.empty())
			.withBean(GroupRobots.class, () -> (key, markdown) -> Mono.empty())
			.withBean(ContentSecurity.class, () -> (openId, text) -> Mono.empty())
			.withPropertyValues("vc.wechat.mini-app.app-id=wx1234567890abcdef", "vc.wechat.mini-app.secret=s")
			.run(context -> {
				assertThat(context).hasSingleBean(MiniProgramAuth.class);
				assertThat(context.getBean(MiniProgramAuth.class)).isInstanceOf(SandboxMiniProgramAuth.class);
				assertThat(context).hasSingleBean(MiniProgramCodes.class);
				assertThat(context).doesNotHaveBean("wechatScheduler");
			});
	}

	@Test
	void keepsWxJavaForTheAdaptersTheApplicationDoesNotProvide() {
		runner.withBean(MiniProgramAuth.class, () -> new SandboxMiniProgramAuth())
			.withPropertyValues("vc.wechat.mini-app.app-id=wx1234567890abcdef", "vc.wechat.mini-app.secret=s")
			.run(context -> {
				assertThat(context.getBean(MiniProgramAuth.class)).isInstanceOf(SandboxMiniProgramAuth.class);
				assertThat(context.getBean(MiniProgramCodes.class)).isInstanceOf(WxJavaMiniProgramCodes.class);
				assertThat(context).hasBean("wechatScheduler");
			});
	}

	@Test
	void providesEveryAdapterInSandboxMode() {
		runner.run(context -> {
			assertThat(context.getBean(MiniProgramAuth.class)).isInstanceOf(SandboxMiniProgramAuth.class);
			assertThat(context.getBean(MiniProgramCodes.class)).isInstanceOf(SandboxMiniProgramCodes.class);
			assertThat(context).hasSingleBean(GroupEnterInfo.class);
		});
	}

}
