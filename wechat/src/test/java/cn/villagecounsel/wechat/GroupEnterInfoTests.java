package cn.villagecounsel.wechat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decrypting wx.getGroupEnterInfo data: encrypted here as WeChat does (AES-128-CBC, PKCS#7 padding, base64).
 */
class GroupEnterInfoTests {

	private static final String APP_ID = "wx4f4bc4dec97d474b";

	private static final String SESSION_KEY = "tiihtNczf5v6AKRyjwEUhQ==";

	private static final String IV = "r7BXXKkLb8qrSNn05n0qiA==";

	private static final String OPENGID = "tG7HX5I_gWdgxDkNI7pBzmmzbYOs";

	private static final String GROUP_DATA = """
			{"opengid":"%s","watermark":{"timestamp":1764900000,"appid":"%s"}}""";

	private final ApplicationContextRunner wxJava = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WechatAutoConfiguration.class))
		.withPropertyValues("vc.wechat.mini-app.app-id=" + APP_ID, "vc.wechat.mini-app.secret=s3cr3t",
				"vc.wechat.api-host=http://127.0.0.1:9");

	private final ApplicationContextRunner sandbox = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WechatAutoConfiguration.class));

	static String encrypt(String sessionKey, String iv, byte[] plain) {
		try {
			Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(sessionKey), "AES"),
					new IvParameterSpec(Base64.getDecoder().decode(iv)));
			return Base64.getEncoder().encodeToString(cipher.doFinal(plain));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String encrypt(String json) {
		return encrypt(SESSION_KEY, IV, json.getBytes(StandardCharsets.UTF_8));
	}

	private static String groupData(String appId) {
		return encrypt(GROUP_DATA.formatted(OPENGID, appId));
	}

	private static void expectInvalid(Mono<String> openGid, String reason) {
		StepVerifier.create(openGid)
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WechatDataInvalidException.class)
				.extracting("errcodeOrReason")
				.isEqualTo(reason))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void decryptsOpenGid() {
		wxJava.run(context -> StepVerifier.create(context.getBean(GroupEnterInfo.class)
			.openGid(SESSION_KEY, groupData(APP_ID), IV)).expectNext(OPENGID).verifyComplete());
	}

	@Test
	void sandboxDecryptsTheSameWayWithoutAppToCheck() {
		sandbox.run(context -> StepVerifier.create(context.getBean(GroupEnterInfo.class)
			.openGid(SESSION_KEY, groupData("wx0000000000000000"), IV)).expectNext(OPENGID).verifyComplete());
	}

	@Test
	void rejectsDataOfAnotherApp() {
		wxJava.run(context -> expectInvalid(context.getBean(GroupEnterInfo.class)
			.openGid(SESSION_KEY, groupData("wx0000000000000000"), IV), "watermark of another app"));
	}

	@Test
	void rejectsTamperedData() {
		byte[] cipherText = Base64.getDecoder().decode(groupData(APP_ID));
		GroupEnterInfo[] info = new GroupEnterInfo[1];
		wxJava.run(context -> {
			info[0] = context.getBean(GroupEnterInfo.class);
			// Each flipped byte garbles its 16-byte block: the JSON around "opengid", the opengid itself, the
			// watermark, the padding.
			for (int index : new int[] { 3, 20, 40, cipherText.length - 1 }) {
				byte[] tampered = cipherText.clone();
				tampered[index] ^= 0x5A;
				StepVerifier.create(info[0].openGid(SESSION_KEY, Base64.getEncoder().encodeToString(tampered), IV))
					.expectError(WechatDataInvalidException.class)
					.verify(Duration.ofSeconds(5));
			}
		});
	}

	@Test
	void rejectsWrongSessionKey() {
		String otherKey = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
		wxJava.run(context -> StepVerifier.create(context.getBean(GroupEnterInfo.class)
			.openGid(otherKey, groupData(APP_ID), IV)).expectError(WechatDataInvalidException.class).verify());
	}

	@Test
	void rejectsDataWithoutOpenGid() {
		wxJava.run(context -> {
			GroupEnterInfo info = context.getBean(GroupEnterInfo.class);
			expectInvalid(info.openGid(SESSION_KEY,
					encrypt("{\"watermark\":{\"timestamp\":1764900000,\"appid\":\"" + APP_ID + "\"}}"), IV),
					"no opengid");
			expectInvalid(info.openGid(SESSION_KEY, encrypt("[1,2,3]"), IV), "not a JSON object");
			expectInvalid(info.openGid(SESSION_KEY, encrypt("opengid=x"), IV), "not JSON");
		});
	}

	@Test
	void rejectsMalformedArgumentsWithoutDecrypting() {
		String data = groupData(APP_ID);
		wxJava.run(context -> {
			GroupEnterInfo info = context.getBean(GroupEnterInfo.class);
			expectInvalid(info.openGid(null, data, IV), "malformed session key");
			expectInvalid(info.openGid("not base64!", data, IV), "malformed session key");
			expectInvalid(info.openGid(Base64.getEncoder().encodeToString(new byte[24]), data, IV),
					"malformed session key");
			expectInvalid(info.openGid(SESSION_KEY, data, "AAAA"), "malformed iv");
			expectInvalid(info.openGid(SESSION_KEY, "", IV), "malformed encrypted data");
			expectInvalid(info.openGid(SESSION_KEY, data.substring(4), IV), "malformed encrypted data");
			expectInvalid(info.openGid(SESSION_KEY, encrypt("x".repeat(5000)), IV), "malformed encrypted data");
		});
	}

	@Test
	void neverBlocksCallerThread() {
		wxJava.run(context -> {
			GroupEnterInfo info = context.getBean(GroupEnterInfo.class);
			// BlockHound fails any blocking call on Reactor's non-blocking threads.
			StepVerifier.create(Mono.defer(() -> info.openGid(SESSION_KEY, groupData(APP_ID), IV))
				.subscribeOn(Schedulers.parallel())).expectNext(OPENGID).expectComplete().verify(Duration.ofSeconds(5));
		});
	}

}
