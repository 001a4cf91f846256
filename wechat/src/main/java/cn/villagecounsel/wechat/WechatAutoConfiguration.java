package cn.villagecounsel.wechat;

import cn.binarywang.wx.miniapp.api.impl.BaseWxMaServiceImpl;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceImpl;
import cn.binarywang.wx.miniapp.config.impl.WxMaDefaultConfigImpl;
import cn.binarywang.wx.miniapp.config.impl.WxMaRedisBetterConfigImpl;
import me.chanjar.weixin.common.redis.RedisTemplateWxRedisOps;
import me.chanjar.weixin.mp.api.impl.BaseWxMpServiceImpl;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import me.chanjar.weixin.mp.config.impl.WxMpRedisConfigImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.StringUtils;

/**
 * Provides {@link MiniProgramAuth}, {@link MiniProgramCodes}, {@link ContentSecurity} and {@link GroupEnterInfo}:
 * WxJava when {@code vc.wechat.mini-app.app-id} is set, the sandbox otherwise. Each backs off when the application
 * defines its own. With a mini-program configured it also provides {@link SubscriptionMessages} and
 * {@link GroupRobots}, and {@link OfficialAccountMessages} and {@link OfficialAccountUsers} when
 * {@code vc.wechat.official-account.app-id} is set too; in sandbox mode there are no senders at all, so nothing can
 * leave the machine. {@link OfficialAccountCallbacks} exist whenever {@code vc.wechat.official-account.token} is set.
 */
@AutoConfiguration
@EnableConfigurationProperties(WechatProperties.class)
public class WechatAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(WechatAutoConfiguration.class);

	/** Access-token keys in Redis: {@code vc:wx:access_token:<appid>}. */
	static final String REDIS_KEY_PREFIX = "vc:wx";

	private static final String OFFICIAL_ACCOUNT_CONFIGURED = "!'${vc.wechat.official-account.app-id:}'.isBlank()";

	// Calls waiting longer than the timeout fail anyway, so a deep queue only hides overload.
	private static final int QUEUED_CALLS_PER_THREAD = 32;

	/**
	 * Local decryption, the same in both modes; in sandbox mode there is no app id to check the watermark against.
	 */
	@Bean
	@ConditionalOnMissingBean(GroupEnterInfo.class)
	GroupEnterInfo groupEnterInfo(WechatProperties properties) {
		return new WxJavaGroupEnterInfo(properties.miniApp().configured() ? properties.miniApp().appId() : null);
	}

	/**
	 * Local checks and crypto, the same in both modes: callbacks need only the token (and the AppID in safe mode).
	 */
	@Bean
	@ConditionalOnMissingBean(OfficialAccountCallbacks.class)
	@ConditionalOnExpression("!'${vc.wechat.official-account.token:}'.isBlank()")
	OfficialAccountCallbacks officialAccountCallbacks(WechatProperties properties) {
		// At DEBUG it logs every decrypted message.
		quiet(LoggingSystem.get(WechatAutoConfiguration.class.getClassLoader()), WxMpXmlMessage.class.getName(),
				LogLevel.INFO);
		WechatProperties.OfficialAccount account = properties.officialAccount();
		log.info("WeChat Official Account callbacks in {} mode", (account.aesKey() != null) ? "safe" : "plain");
		return new WxJavaOfficialAccountCallbacks(account.token(), account.aesKey(), account.appId());
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(SandboxMode.class)
	static class SandboxConfiguration {

		@Bean
		@ConditionalOnMissingBean(MiniProgramAuth.class)
		MiniProgramAuth sandboxMiniProgramAuth(Environment environment) {
			requireNotProd(environment);
			log.warn("WeChat sandbox mode: no mini-program is configured, codes 'sandbox:<name>' sign in fake users");
			return new SandboxMiniProgramAuth();
		}

		@Bean
		@ConditionalOnMissingBean(MiniProgramCodes.class)
		MiniProgramCodes sandboxMiniProgramCodes(Environment environment, WechatProperties properties) {
			requireNotProd(environment);
			return new SandboxMiniProgramCodes(properties.sandboxLinkBase());
		}

		@Bean
		@ConditionalOnMissingBean(ContentSecurity.class)
		ContentSecurity sandboxContentSecurity() {
			return new SandboxContentSecurity();
		}

		private static void requireNotProd(Environment environment) {
			if (environment.acceptsProfiles(Profiles.of("prod"))) {
				throw new IllegalStateException("WeChat sandbox mode must not run under the 'prod' profile: "
						+ "set vc.wechat.mini-app.app-id and vc.wechat.mini-app.secret");
			}
		}

	}

	/**
	 * WxJava, its HTTP client and scheduler: only when an app is configured and some adapter is still needed.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional({ MiniAppConfigured.class, WxJavaAdapterMissing.class })
	static class WxJavaConfiguration {

		@Bean(destroyMethod = "dispose")
		Scheduler wechatScheduler(WechatProperties properties) {
			int threads = properties.schedulerThreads();
			return Schedulers.newBoundedElastic(threads, threads * QUEUED_CALLS_PER_THREAD, "wechat");
		}

		@Bean
		WechatHttpClient wechatHttpClient(WechatProperties properties) {
			return new WechatHttpClient(properties.timeout(), properties.schedulerThreads());
		}

		@Bean
		WxJavaMiniApp wechatMiniApp(WechatProperties properties, WechatHttpClient httpClient,
				@Qualifier("wechatScheduler") Scheduler scheduler, ObjectProvider<StringRedisTemplate> redis) {
			quietLeakyLoggers();
			StringRedisTemplate redisTemplate = redis.getIfAvailable();
			// With Redis every api instance shares one access token (WeChat allows few refreshes a day).
			WxMaDefaultConfigImpl config = (redisTemplate != null)
					? new WxMaRedisBetterConfigImpl(new RedisTemplateWxRedisOps(redisTemplate), REDIS_KEY_PREFIX)
					: new WxMaDefaultConfigImpl();
			config.setAppid(properties.miniApp().appId());
			config.setSecret(properties.miniApp().secret());
			config.setApiHostUrl(properties.apiHost());
			config.useStableAccessToken(true);
			config.setApacheHttpClientBuilder(httpClient);
			WxMaServiceImpl service = new WxMaServiceImpl();
			// WxJava's own retry sleeps on the calling thread; Reactor retries instead.
			service.setMaxRetryTimes(0);
			service.setWxMaConfig(config);
			log.info("WeChat mini-program {} via {}, access token in {}", properties.miniApp().appId(),
					properties.apiHost(), (redisTemplate != null) ? "Redis" : "memory");
			return new WxJavaMiniApp(service, new WechatCalls(scheduler, properties));
		}

		@Bean
		@ConditionalOnMissingBean(MiniProgramAuth.class)
		MiniProgramAuth wxJavaMiniProgramAuth(WxJavaMiniApp miniApp) {
			return new WxJavaMiniProgramAuth(miniApp.service(), miniApp.calls());
		}

		@Bean
		@ConditionalOnMissingBean(MiniProgramCodes.class)
		MiniProgramCodes wxJavaMiniProgramCodes(WxJavaMiniApp miniApp, WechatProperties properties) {
			return new WxJavaMiniProgramCodes(miniApp.service(), miniApp.calls(), properties.miniApp().envVersion());
		}

		@Bean
		@ConditionalOnMissingBean(ContentSecurity.class)
		ContentSecurity wxJavaContentSecurity(WxJavaMiniApp miniApp) {
			return new WxJavaContentSecurity(miniApp.service(), miniApp.calls());
		}

		@Bean
		@ConditionalOnMissingBean(SubscriptionMessages.class)
		SubscriptionMessages wxJavaSubscriptionMessages(WxJavaMiniApp miniApp, WechatProperties properties) {
			return new WxJavaSubscriptionMessages(miniApp.service(), miniApp.calls(),
					properties.miniApp().envVersion());
		}

		/** Robots need no access token: the webhook key in each URL is the credential. */
		@Bean
		@ConditionalOnMissingBean(GroupRobots.class)
		GroupRobots wxJavaGroupRobots(WxJavaMiniApp miniApp, WechatHttpClient httpClient, WechatProperties properties) {
			return new WxJavaGroupRobots(httpClient, miniApp.calls(), properties.workApiHost());
		}

		/** The Official Account's own service, with its own access token (kept in Redis like the mini-program's). */
		@Bean
		@ConditionalOnExpression(OFFICIAL_ACCOUNT_CONFIGURED)
		WxJavaOfficialAccount wechatOfficialAccount(WxJavaMiniApp miniApp, WechatHttpClient httpClient,
				WechatProperties properties, ObjectProvider<StringRedisTemplate> redis) {
			StringRedisTemplate redisTemplate = redis.getIfAvailable();
			WxMpDefaultConfigImpl config = (redisTemplate != null)
					? new WxMpRedisConfigImpl(new RedisTemplateWxRedisOps(redisTemplate), REDIS_KEY_PREFIX)
					: new WxMpDefaultConfigImpl();
			config.setAppId(properties.officialAccount().appId());
			config.setSecret(properties.officialAccount().secret());
			config.setUseStableAccessToken(true);
			WxMpHostConfig hosts = new WxMpHostConfig();
			hosts.setApiHost(properties.apiHost());
			hosts.setMpHost(properties.apiHost());
			hosts.setOpenHost(properties.apiHost());
			config.setHostConfig(hosts);
			config.setApacheHttpClientBuilder(httpClient);
			WxMpServiceImpl service = new WxMpServiceImpl();
			service.setMaxRetryTimes(0);
			service.setWxMpConfigStorage(config);
			log.info("WeChat Official Account {} via {}", properties.officialAccount().appId(), properties.apiHost());
			return new WxJavaOfficialAccount(service, miniApp.calls());
		}

		@Bean
		@ConditionalOnMissingBean(OfficialAccountMessages.class)
		@ConditionalOnExpression(OFFICIAL_ACCOUNT_CONFIGURED)
		OfficialAccountMessages wxJavaOfficialAccountMessages(WxJavaOfficialAccount account) {
			return new WxJavaOfficialAccountMessages(account.service(), account.calls());
		}

		@Bean
		@ConditionalOnMissingBean(OfficialAccountUsers.class)
		@ConditionalOnExpression(OFFICIAL_ACCOUNT_CONFIGURED)
		OfficialAccountUsers wxJavaOfficialAccountUsers(WxJavaOfficialAccount account) {
			return new WxJavaOfficialAccountUsers(account.service(), account.calls());
		}

		/**
		 * WxJava's service logs responses with session_key at DEBUG and URLs with the access token at WARN;
		 * HttpClient's DEBUG logs print request lines with the secret and whole exchanges. HttpClient 4 is only
		 * WxJava's here, and our adapter logs failures itself.
		 */
		private static void quietLeakyLoggers() {
			LoggingSystem logging = LoggingSystem.get(WechatAutoConfiguration.class.getClassLoader());
			quiet(logging, BaseWxMaServiceImpl.class.getName(), LogLevel.ERROR);
			quiet(logging, BaseWxMpServiceImpl.class.getName(), LogLevel.ERROR);
			quiet(logging, "org.apache.http", LogLevel.INFO);
		}

	}

	static class WxJavaAdapterMissing extends AnyNestedCondition {

		WxJavaAdapterMissing() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnMissingBean(MiniProgramAuth.class)
		static class AuthMissing {

		}

		@ConditionalOnMissingBean(MiniProgramCodes.class)
		static class CodesMissing {

		}

		@ConditionalOnMissingBean(SubscriptionMessages.class)
		static class SubscriptionsMissing {

		}

		@ConditionalOnMissingBean(GroupRobots.class)
		static class RobotsMissing {

		}

		@ConditionalOnMissingBean(ContentSecurity.class)
		static class ContentSecurityMissing {

		}

	}

	static class MiniAppConfigured extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return miniAppConfigured(context) ? ConditionOutcome.match("vc.wechat.mini-app.app-id is set")
					: ConditionOutcome.noMatch("vc.wechat.mini-app.app-id is blank");
		}

	}

	static class SandboxMode extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return miniAppConfigured(context) ? ConditionOutcome.noMatch("vc.wechat.mini-app.app-id is set")
					: ConditionOutcome.match("vc.wechat.mini-app.app-id is blank");
		}

	}

	/** Lowers a logger to {@code level} (ERROR or INFO) if it is more verbose. */
	private static void quiet(LoggingSystem logging, String name, LogLevel level) {
		Logger logger = LoggerFactory.getLogger(name);
		boolean tooVerbose = (level == LogLevel.ERROR) ? logger.isWarnEnabled() : logger.isDebugEnabled();
		if (tooVerbose) {
			logging.setLogLevel(name, level);
		}
	}

	private static boolean miniAppConfigured(ConditionContext context) {
		return Binder.get(context.getEnvironment())
			.bind("vc.wechat.mini-app.app-id", String.class)
			.map(StringUtils::hasText)
			.orElse(false);
	}

}
