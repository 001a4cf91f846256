package cn.villagecounsel.wechat;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * WeChat settings. With no {@code mini-app.app-id} the module runs in sandbox mode.
 *
 * @param miniApp the mini-program's credentials
 * @param officialAccount the Official Account's credentials, for customer-service messages and its server callbacks;
 * optional
 * @param apiHost base URL of WeChat's API (tests point it at WireMock)
 * @param workApiHost base URL of WeCom's API, where group robots' webhooks live
 * @param timeout limit for one attempt of a call (HTTP connect and read timeouts are a second longer)
 * @param maxRetries retries after a transient failure (errcode -1, I/O errors)
 * @param retryBackoff first retry delay; doubles with jitter
 * @param schedulerThreads threads that may block on WeChat at once
 * @param sandboxLinkBase sandbox mode: mini-program codes are QR codes of this URL + page + "?scene=" + scene
 */
@ConfigurationProperties(prefix = "vc.wechat")
public record WechatProperties(@DefaultValue MiniApp miniApp, @DefaultValue OfficialAccount officialAccount,
		@DefaultValue("https://api.weixin.qq.com") String apiHost,
		@DefaultValue("https://qyapi.weixin.qq.com") String workApiHost,
		@DefaultValue("5s") Duration timeout, @DefaultValue("2") int maxRetries,
		@DefaultValue("200ms") Duration retryBackoff, @DefaultValue("8") int schedulerThreads,
		@DefaultValue("https://example.invalid/mp/") String sandboxLinkBase) {

	public WechatProperties {
		miniApp = (miniApp != null) ? miniApp : new MiniApp(null, null, null);
		officialAccount = (officialAccount != null) ? officialAccount : new OfficialAccount(null, null, null, null);
		apiHost = validApiHost(apiHost, "vc.wechat.api-host");
		workApiHost = validApiHost((workApiHost != null) ? workApiHost : "https://qyapi.weixin.qq.com",
				"vc.wechat.work-api-host");
		sandboxLinkBase = validSandboxLinkBase(sandboxLinkBase);
		require(timeout != null && timeout.compareTo(Duration.ofMillis(1)) >= 0
				&& timeout.compareTo(Duration.ofMinutes(5)) <= 0, "vc.wechat.timeout must be between 1ms and 5m");
		require(maxRetries >= 0 && maxRetries <= 10, "vc.wechat.max-retries must be between 0 and 10");
		require(retryBackoff != null && retryBackoff.compareTo(Duration.ofMillis(1)) >= 0
				&& retryBackoff.compareTo(Duration.ofMinutes(1)) <= 0,
				"vc.wechat.retry-backoff must be between 1ms and 1m");
		require(schedulerThreads >= 1 && schedulerThreads <= 256,
				"vc.wechat.scheduler-threads must be between 1 and 256");
	}

	private static String validApiHost(String apiHost, String name) {
		require(apiHost != null && !apiHost.isBlank(), name + " must be set");
		URI uri;
		try {
			uri = URI.create(apiHost.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(name + " is not a URL: " + apiHost, ex);
		}
		require(("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
				&& uri.getQuery() == null, name + " must be an http(s) URL such as https://api.weixin.qq.com");
		// WxJava appends paths that start with "/".
		return uri.toString().replaceAll("/+$", "");
	}

	private static String validSandboxLinkBase(String linkBase) {
		String value = (linkBase == null || linkBase.isBlank()) ? "https://example.invalid/mp/" : linkBase.strip();
		URI uri;
		try {
			uri = URI.create(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("vc.wechat.sandbox-link-base is not a URL: " + linkBase, ex);
		}
		require(("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
				&& uri.getQuery() == null && uri.getFragment() == null,
				"vc.wechat.sandbox-link-base must be an http(s) URL without query, such as https://example.invalid/mp/");
		// The page is appended as a path.
		return value.endsWith("/") ? value : value + "/";
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	/**
	 * @param appId the mini-program's AppID; blank means sandbox mode
	 * @param secret the AppSecret, required with an AppID
	 * @param envVersion which version mini-program codes open: {@code release} (default), {@code trial} or
	 * {@code develop}
	 */
	public record MiniApp(String appId, String secret, @DefaultValue("release") String envVersion) {

		public MiniApp {
			require(!configured(appId) || (secret != null && !secret.isBlank()),
					"vc.wechat.mini-app.secret must be set when vc.wechat.mini-app.app-id is");
			envVersion = (envVersion == null || envVersion.isBlank()) ? "release" : envVersion.strip();
			require(envVersion.equals("release") || envVersion.equals("trial") || envVersion.equals("develop"),
					"vc.wechat.mini-app.env-version must be release, trial or develop");
		}

		/**
		 * Whether an app is configured (otherwise sandbox mode).
		 */
		public boolean configured() {
			return configured(appId);
		}

		static boolean configured(String appId) {
			return appId != null && !appId.isBlank();
		}

		@Override
		public String toString() {
			return "MiniApp[appId=" + appId + ", secret=" + ((secret == null) ? null : "******") + ", envVersion="
					+ envVersion + "]";
		}

	}

	/**
	 * @param appId the Official Account's AppID; blank means no customer-service messages
	 * @param secret the AppSecret, required with an AppID
	 * @param token the Token set in the account's server configuration (服务器配置), 3-32 letters or digits; blank means
	 * no server callbacks
	 * @param aesKey the EncodingAESKey (43 letters or digits) for safe mode (安全模式); blank means plain mode. Needs the
	 * token and the AppID, which WeChat writes into every encrypted message
	 */
	public record OfficialAccount(String appId, String secret, String token, String aesKey) {

		private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]{3,32}");

		private static final Pattern AES_KEY = Pattern.compile("[A-Za-z0-9]{43}");

		public OfficialAccount {
			require(!MiniApp.configured(appId) || (secret != null && !secret.isBlank()),
					"vc.wechat.official-account.secret must be set when vc.wechat.official-account.app-id is");
			token = blankToNull(token);
			aesKey = blankToNull(aesKey);
			require(token == null || TOKEN.matcher(token).matches(),
					"vc.wechat.official-account.token must be 3-32 letters or digits");
			require(aesKey == null || AES_KEY.matcher(aesKey).matches(),
					"vc.wechat.official-account.aes-key must be 43 letters or digits");
			require(aesKey == null || (token != null && MiniApp.configured(appId)),
					"vc.wechat.official-account.aes-key needs vc.wechat.official-account.token and app-id");
		}

		/**
		 * Whether an Official Account is configured.
		 */
		public boolean configured() {
			return MiniApp.configured(appId);
		}

		private static String blankToNull(String value) {
			return (value == null || value.isBlank()) ? null : value.strip();
		}

		@Override
		public String toString() {
			return "OfficialAccount[appId=" + appId + ", secret=" + mask(secret) + ", token=" + mask(token)
					+ ", aesKey=" + mask(aesKey) + "]";
		}

		private static String mask(String value) {
			return (value == null) ? null : "******";
		}

	}

}
