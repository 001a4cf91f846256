package cn.villagecounsel.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import reactor.core.publisher.Mono;

/**
 * Development sign-in without WeChat: {@code sandbox:<name>} signs in a fake user whose openid depends only on the
 * name, so the same name is the same user across restarts.
 */
final class SandboxMiniProgramAuth implements MiniProgramAuth {

	private static final String PREFIX = "sandbox:";

	private static final int MAX_NAME_LENGTH = 32;

	// 8 + 20 characters: as long as a real openid.
	private static final String OPENID_PREFIX = "sandbox_";

	private static final int OPENID_HASH_CHARS = 20;

	private final SecureRandom random;

	SandboxMiniProgramAuth() {
		try {
			this.random = SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("DRBG SecureRandom is missing", ex);
		}
		// Seed now, at startup, so that logins never read entropy on an event-loop thread.
		this.random.nextBytes(new byte[1]);
	}

	@Override
	public Mono<WechatSession> code2Session(String code) {
		return Mono.fromSupplier(() -> session(code));
	}

	@Override
	public boolean sandbox() {
		return true;
	}

	private WechatSession session(String code) {
		if (code == null || !code.startsWith(PREFIX)) {
			throw new WechatCodeInvalidException("not a sandbox code");
		}
		String name = code.substring(PREFIX.length()).strip();
		int length = name.codePointCount(0, name.length());
		if (length == 0 || length > MAX_NAME_LENGTH || name.codePoints().anyMatch(Character::isISOControl)) {
			throw new WechatCodeInvalidException("sandbox name must be 1-" + MAX_NAME_LENGTH + " characters");
		}
		byte[] sessionKey = new byte[16];
		random.nextBytes(sessionKey);
		return new WechatSession(openid(name), null, Base64.getEncoder().encodeToString(sessionKey), name);
	}

	private static String openid(String name) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
			return OPENID_PREFIX + HexFormat.of().formatHex(hash).substring(0, OPENID_HASH_CHARS);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing", ex);
		}
	}

}
