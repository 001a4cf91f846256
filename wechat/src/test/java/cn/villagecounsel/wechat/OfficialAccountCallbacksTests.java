package cn.villagecounsel.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import me.chanjar.weixin.mp.util.crypto.WxMpCryptUtil;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Official Account's callbacks, with this test playing WeChat: signatures computed as WeChat documents them
 * (sha1 of the sorted token, timestamp, nonce and, in safe mode, the ciphertext) and messages encrypted with WxJava's
 * crypto under the same EncodingAESKey.
 */
class OfficialAccountCallbacksTests {

	private static final String TOKEN = "villageCounsel2026";

	private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	private static final String APP_ID = "wxfedcba9876543210";

	private static final String ACCOUNT = "gh_7f083739789a";

	private static final String FOLLOWER = "oia2TjjewbmiOUlr6X-1crbLOvLw";

	private static final String TIMESTAMP = "1764000000";

	private static final String NONCE = "1320562132";

	private static final String TEXT_MESSAGE = """
			<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName>
			<FromUserName><![CDATA[oia2TjjewbmiOUlr6X-1crbLOvLw]]></FromUserName>
			<CreateTime>1764000000</CreateTime><MsgType><![CDATA[text]]></MsgType>
			<Content><![CDATA[我家承包地被占了怎么办？]]></Content><MsgId>24321998341982734</MsgId></xml>""";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WechatAutoConfiguration.class));

	private ApplicationContextRunner plain() {
		return this.runner.withPropertyValues("vc.wechat.official-account.token=" + TOKEN);
	}

	private ApplicationContextRunner safe() {
		return this.runner.withPropertyValues("vc.wechat.official-account.token=" + TOKEN,
				"vc.wechat.official-account.aes-key=" + AES_KEY, "vc.wechat.official-account.app-id=" + APP_ID,
				"vc.wechat.official-account.secret=fedcba9876543210fedcba9876543210");
	}

	/** WeChat's documented signature: sort the parts, concatenate, SHA-1, lower-case hex. */
	private static String sha1OfSorted(String... parts) {
		String[] sorted = parts.clone();
		Arrays.sort(sorted);
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1")
				.digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static OfficialAccountCallbacks.Query plainQuery() {
		return new OfficialAccountCallbacks.Query(sha1OfSorted(TOKEN, TIMESTAMP, NONCE), TIMESTAMP, NONCE, null, null);
	}

	private static WxMpCryptUtil wechatsCrypto() {
		WxMpDefaultConfigImpl config = new WxMpDefaultConfigImpl();
		config.setToken(TOKEN);
		config.setAesKey(AES_KEY);
		config.setAppId(APP_ID);
		return new WxMpCryptUtil(config);
	}

	/** What WeChat posts in safe mode: the envelope, and the query with both signatures. */
	private record Encrypted(String body, OfficialAccountCallbacks.Query query) {
	}

	private static Encrypted encrypted(String plainXml) {
		String ciphertext = wechatsCrypto().encrypt("a1b2c3d4e5f6g7h8", plainXml);
		String body = "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><Encrypt><![CDATA[" + ciphertext
				+ "]]></Encrypt></xml>";
		return new Encrypted(body, new OfficialAccountCallbacks.Query(sha1OfSorted(TOKEN, TIMESTAMP, NONCE), TIMESTAMP,
				NONCE, "aes", sha1OfSorted(TOKEN, TIMESTAMP, NONCE, ciphertext)));
	}

	private static String element(String xml, String name) {
		Matcher matcher = Pattern.compile("<" + name + ">(?:<!\\[CDATA\\[)?(.*?)(?:]]>)?</" + name + ">", Pattern.DOTALL)
			.matcher(xml);
		assertThat(matcher.find()).as("<%s> in %s", name, xml).isTrue();
		return matcher.group(1);
	}

	@Test
	void verifiesWechatsSignature() {
		plain().run(context -> {
			OfficialAccountCallbacks callbacks = context.getBean(OfficialAccountCallbacks.class);
			assertThat(callbacks.verify(sha1OfSorted(TOKEN, TIMESTAMP, NONCE), TIMESTAMP, NONCE)).isTrue();
			assertThat(callbacks.verify(sha1OfSorted("another-token", TIMESTAMP, NONCE), TIMESTAMP, NONCE)).isFalse();
			assertThat(callbacks.verify(sha1OfSorted(TOKEN, TIMESTAMP, NONCE), TIMESTAMP, "1320562133")).isFalse();
			assertThat(callbacks.verify(null, TIMESTAMP, NONCE)).isFalse();
			assertThat(callbacks.verify(sha1OfSorted(TOKEN, TIMESTAMP, NONCE), null, NONCE)).isFalse();
			assertThat(callbacks.verify("", "", "")).isFalse();
		});
	}

	@Test
	void readsAPlainTextMessageAndRepliesInPlainXml() {
		plain().run(context -> {
			OfficialAccountCallbacks callbacks = context.getBean(OfficialAccountCallbacks.class);
			OfficialAccountCallbacks.Message message = callbacks.parse(plainQuery(), TEXT_MESSAGE);
			assertThat(message).isEqualTo(new OfficialAccountCallbacks.Message(ACCOUNT, FOLLOWER,
					Instant.ofEpochSecond(1764000000L), "text", "我家承包地被占了怎么办？", "24321998341982734", null, false));
			assertThat(message.isText()).isTrue();

			String reply = callbacks.textReply(message, "已收到您的咨询。");
			assertThat(element(reply, "ToUserName")).isEqualTo(FOLLOWER);
			assertThat(element(reply, "FromUserName")).isEqualTo(ACCOUNT);
			assertThat(element(reply, "MsgType")).isEqualTo("text");
			assertThat(element(reply, "Content")).isEqualTo("已收到您的咨询。");
			assertThat(Long.parseLong(element(reply, "CreateTime")))
				.isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
		});
	}

	@Test
	void readsAnEventWithoutMsgId() {
		String subscribe = """
				<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName>
				<FromUserName><![CDATA[oia2TjjewbmiOUlr6X-1crbLOvLw]]></FromUserName>
				<CreateTime>1764000100</CreateTime><MsgType><![CDATA[event]]></MsgType>
				<Event><![CDATA[subscribe]]></Event></xml>""";
		plain().run(context -> {
			OfficialAccountCallbacks.Message event = context.getBean(OfficialAccountCallbacks.class)
				.parse(plainQuery(), subscribe);
			assertThat(event.isEvent()).isTrue();
			assertThat(event.event()).isEqualTo("subscribe");
			assertThat(event.msgId()).isNull();
			assertThat(event.content()).isNull();
			assertThat(event.createTime()).isEqualTo(Instant.ofEpochSecond(1764000100L));
		});
	}

	@Test
	void refusesAPlainMessageWithAWrongSignature() {
		plain().run(context -> assertThatThrownBy(() -> context.getBean(OfficialAccountCallbacks.class)
			.parse(new OfficialAccountCallbacks.Query(sha1OfSorted("guess", TIMESTAMP, NONCE), TIMESTAMP, NONCE, null,
					null), TEXT_MESSAGE))
			.isInstanceOf(WechatSignatureInvalidException.class)
			.extracting("errcodeOrReason")
			.isEqualTo("signature"));
	}

	@Test
	void refusesWhatIsNotWechatsXml() {
		String tooLarge = "<xml><Content>" + "a".repeat(70_000) + "</Content></xml>";
		String[] bodies = { "", "not xml at all", "<xml><ToUserName>gh_1</ToUserName>", "{\"MsgType\":\"text\"}",
				"<xml><MsgType>text</MsgType></xml>", "<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml>&x;</xml>",
				"<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>-5</CreateTime>"
						+ "<MsgType>text</MsgType></xml>",
				tooLarge };
		plain().run(context -> {
			OfficialAccountCallbacks callbacks = context.getBean(OfficialAccountCallbacks.class);
			for (String body : bodies) {
				assertThatThrownBy(() -> callbacks.parse(plainQuery(), body)).as(body)
					.isInstanceOf(WechatDataInvalidException.class);
			}
		});
	}

	@Test
	void decryptsASafeModeMessageAndEncryptsTheReply() {
		Encrypted pushed = encrypted(TEXT_MESSAGE);
		safe().run(context -> {
			OfficialAccountCallbacks callbacks = context.getBean(OfficialAccountCallbacks.class);
			OfficialAccountCallbacks.Message message = callbacks.parse(pushed.query(), pushed.body());
			assertThat(message.encrypted()).isTrue();
			assertThat(message.fromUser()).isEqualTo(FOLLOWER);
			assertThat(message.content()).isEqualTo("我家承包地被占了怎么办？");
			assertThat(message.msgId()).isEqualTo("24321998341982734");

			String reply = callbacks.textReply(message, "已收到您的咨询。");
			assertThat(reply).doesNotContain("已收到").doesNotContain(FOLLOWER);
			String ciphertext = element(reply, "Encrypt");
			String timestamp = element(reply, "TimeStamp");
			String nonce = element(reply, "Nonce");
			assertThat(element(reply, "MsgSignature")).isEqualTo(sha1OfSorted(TOKEN, timestamp, nonce, ciphertext));
			String decrypted = wechatsCrypto().decrypt(ciphertext);
			assertThat(element(decrypted, "ToUserName")).isEqualTo(FOLLOWER);
			assertThat(element(decrypted, "Content")).isEqualTo("已收到您的咨询。");
		});
	}

	@Test
	void safeModeUsesWechatsLayoutUnderTheEncodingAesKey() {
		// WeChat's layout: AES-256-CBC, key = base64(EncodingAESKey + "="), IV = its first 16 bytes, plaintext =
		// 16 random bytes + 4-byte big-endian length + message + AppID, padded to 32 bytes.
		safe().run(context -> {
			OfficialAccountCallbacks callbacks = context.getBean(OfficialAccountCallbacks.class);
			OfficialAccountCallbacks.Message message = callbacks.parse(encrypted(TEXT_MESSAGE).query(),
					encrypted(TEXT_MESSAGE).body());
			String ciphertext = element(callbacks.textReply(message, "好"), "Encrypt");
			byte[] key = Base64.getDecoder().decode(AES_KEY + "=");
			javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/CBC/NoPadding");
			cipher.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
					new javax.crypto.spec.IvParameterSpec(key, 0, 16));
			byte[] plain = cipher.doFinal(Base64.getDecoder().decode(ciphertext));
			assertThat(plain.length % 32).isZero();
			int length = java.nio.ByteBuffer.wrap(plain, 16, 4).getInt();
			String xml = new String(plain, 20, length, StandardCharsets.UTF_8);
			int padding = plain[plain.length - 1];
			String appId = new String(plain, 20 + length, plain.length - 20 - length - padding, StandardCharsets.UTF_8);
			assertThat(element(xml, "Content")).isEqualTo("好");
			assertThat(appId).isEqualTo(APP_ID);
		});
	}

	@Test
	void refusesTamperedCiphertext() {
		Encrypted pushed = encrypted(TEXT_MESSAGE);
		String ciphertext = element(pushed.body(), "Encrypt");
		char flipped = (ciphertext.charAt(10) == 'A') ? 'B' : 'A';
		String tampered = ciphertext.substring(0, 10) + flipped + ciphertext.substring(11);
		safe().run(context -> {
			OfficialAccountCallbacks callbacks = context.getBean(OfficialAccountCallbacks.class);
			assertThatThrownBy(() -> callbacks.parse(pushed.query(), pushed.body().replace(ciphertext, tampered)))
				.isInstanceOf(WechatSignatureInvalidException.class)
				.extracting("errcodeOrReason")
				.isEqualTo("msg_signature");
			OfficialAccountCallbacks.Query withoutMsgSignature = new OfficialAccountCallbacks.Query(
					pushed.query().signature(), TIMESTAMP, NONCE, "aes", null);
			assertThatThrownBy(() -> callbacks.parse(withoutMsgSignature, pushed.body()))
				.isInstanceOf(WechatSignatureInvalidException.class);
		});
	}

	@Test
	void refusesCiphertextThatDoesNotDecrypt() {
		// Signed with the token but encrypted under another key, as after a key change in WeChat's console.
		String ciphertext = Base64.getEncoder().encodeToString(new byte[64]);
		String body = "<xml><ToUserName>" + ACCOUNT + "</ToUserName><Encrypt>" + ciphertext + "</Encrypt></xml>";
		OfficialAccountCallbacks.Query query = new OfficialAccountCallbacks.Query(sha1OfSorted(TOKEN, TIMESTAMP, NONCE),
				TIMESTAMP, NONCE, "aes", sha1OfSorted(TOKEN, TIMESTAMP, NONCE, ciphertext));
		safe().run(context -> assertThatThrownBy(() -> context.getBean(OfficialAccountCallbacks.class)
			.parse(query, body)).isInstanceOf(WechatDataInvalidException.class));
	}

	@Test
	void refusesSafeModeWithoutAnAesKey() {
		Encrypted pushed = encrypted(TEXT_MESSAGE);
		plain().run(context -> assertThatThrownBy(() -> context.getBean(OfficialAccountCallbacks.class)
			.parse(pushed.query(), pushed.body()))
			.isInstanceOf(WechatDataInvalidException.class)
			.extracting("errcodeOrReason")
			.isEqualTo("safe mode without aes-key"));
	}

	@Test
	void parsesWithoutBlockingTheCallersThread() {
		Encrypted pushed = encrypted(TEXT_MESSAGE);
		safe().run(context -> {
			OfficialAccountCallbacks callbacks = context.getBean(OfficialAccountCallbacks.class);
			// BlockHound fails any blocking call on Reactor's non-blocking threads.
			StepVerifier
				.create(Mono.fromCallable(() -> callbacks.textReply(callbacks.parse(pushed.query(), pushed.body()), "好"))
					.subscribeOn(Schedulers.parallel()))
				.expectNextCount(1)
				.expectComplete()
				.verify(Duration.ofSeconds(5));
		});
	}

	@Test
	void existsOnlyWithAToken() {
		this.runner.run(context -> assertThat(context).doesNotHaveBean(OfficialAccountCallbacks.class));
		this.runner
			.withPropertyValues("vc.wechat.official-account.app-id=" + APP_ID,
					"vc.wechat.official-account.secret=fedcba9876543210fedcba9876543210")
			.run(context -> assertThat(context).doesNotHaveBean(OfficialAccountCallbacks.class));
		plain().run(context -> assertThat(context).hasSingleBean(OfficialAccountCallbacks.class));
	}

	@Test
	void refusesAnAesKeyWithoutAppIdAndMalformedSecrets() {
		this.runner
			.withPropertyValues("vc.wechat.official-account.token=" + TOKEN,
					"vc.wechat.official-account.aes-key=" + AES_KEY)
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("aes-key needs vc.wechat.official-account.token and app-id"));
		this.runner.withPropertyValues("vc.wechat.official-account.token=has space")
			.run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("token must be"));
		this.runner
			.withPropertyValues("vc.wechat.official-account.token=" + TOKEN,
					"vc.wechat.official-account.aes-key=tooShort", "vc.wechat.official-account.app-id=" + APP_ID,
					"vc.wechat.official-account.secret=x")
			.run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("aes-key must be"));
		safe().run(context -> assertThat(context.getBean(WechatProperties.class).toString()).doesNotContain(TOKEN)
			.doesNotContain(AES_KEY));
	}

}
