package cn.villagecounsel.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.function.Supplier;

import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutTextMessage;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import me.chanjar.weixin.mp.util.crypto.WxMpCryptUtil;

/**
 * Official Account callbacks with WxJava's own pieces: {@link SHA1} for the signatures, {@link WxMpCryptUtil} for safe
 * mode (AES-256-CBC with WeChat's padding) and {@link WxMpXmlMessage}/{@link WxMpXmlOutMessage} for the XML.
 * <p>
 * CBC has no MAC: {@code msg_signature}, a SHA-1 over the secret token and the ciphertext, is what shows that the
 * ciphertext is WeChat's, so it is checked before anything is decrypted. WxJava compares signatures with
 * {@code String.equals}; ours are compared in constant time.
 */
final class WxJavaOfficialAccountCallbacks implements OfficialAccountCallbacks {

	// WeChat's messages are a few hundred bytes; a text message holds at most 2048 bytes of text.
	static final int MAX_BODY_CHARS = 64 * 1024;

	// Year 9999: CreateTime is seconds since 1970, and anything later is not WeChat's.
	private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

	private static final String SAFE_MODE = "aes";

	private static final String PLAIN_MODE = "raw";

	private final String token;

	/** Null in plain mode. */
	private final WxMpDefaultConfigImpl safeMode;

	/**
	 * @param token the account's Token
	 * @param aesKey the EncodingAESKey, or null for plain mode
	 * @param appId the account's AppID (part of every encrypted message); only needed with an aesKey
	 */
	WxJavaOfficialAccountCallbacks(String token, String aesKey, String appId) {
		this.token = token;
		if (aesKey != null) {
			this.safeMode = new WxMpDefaultConfigImpl();
			this.safeMode.setToken(token);
			this.safeMode.setAesKey(aesKey);
			this.safeMode.setAppId(appId);
		}
		else {
			this.safeMode = null;
		}
		warmUp();
	}

	/** Loads XStream's and the JCE's classes now rather than on the first caller's (possibly event-loop) thread. */
	private void warmUp() {
		String xml = WxMpXmlOutMessage.TEXT().content("warm-up").fromUser("gh_warm_up").toUser("warm-up").build().toXml();
		WxMpXmlMessage.fromXml(xml);
		if (this.safeMode != null) {
			WxMpCryptUtil crypto = new WxMpCryptUtil(this.safeMode);
			crypto.decrypt(crypto.encryptContext(xml).getEncrypt());
		}
	}

	@Override
	public boolean verify(String signature, String timestamp, String nonce) {
		return matches(signature, this.token, timestamp, nonce);
	}

	@Override
	public Message parse(Query query, String body) {
		if (!verify(query.signature(), query.timestamp(), query.nonce())) {
			throw new WechatSignatureInvalidException("signature");
		}
		if (body == null || body.isBlank() || body.length() > MAX_BODY_CHARS) {
			throw new WechatDataInvalidException("malformed XML");
		}
		String encryptType = query.encryptType();
		if (encryptType == null || encryptType.isEmpty() || PLAIN_MODE.equals(encryptType)) {
			return message(xml(() -> WxMpXmlMessage.fromXml(body)), false);
		}
		if (!SAFE_MODE.equals(encryptType)) {
			throw new WechatDataInvalidException("unknown encrypt_type");
		}
		if (this.safeMode == null) {
			throw new WechatDataInvalidException("safe mode without aes-key");
		}
		String ciphertext = xml(() -> WxMpXmlMessage.fromXml(body)).getEncrypt();
		if (ciphertext == null || ciphertext.isBlank()) {
			throw new WechatDataInvalidException("no Encrypt");
		}
		if (!matches(query.msgSignature(), this.token, query.timestamp(), query.nonce(), ciphertext)) {
			throw new WechatSignatureInvalidException("msg_signature");
		}
		String plaintext;
		try {
			plaintext = new WxMpCryptUtil(this.safeMode).decrypt(ciphertext);
		}
		catch (RuntimeException ex) {
			throw new WechatDataInvalidException("decryption failed");
		}
		return message(xml(() -> WxMpXmlMessage.fromXml(plaintext)), true);
	}

	@Override
	public String textReply(Message to, String text) {
		// XStream writes the text into a CDATA section, which "]]>" would end early.
		if (text == null || text.isEmpty() || text.contains("]]>")) {
			throw new IllegalArgumentException("text must be non-empty and must not contain ]]>");
		}
		WxMpXmlOutTextMessage reply = WxMpXmlOutMessage.TEXT()
			.content(text)
			.fromUser(to.toUser())
			.toUser(to.fromUser())
			.build();
		if (!to.encrypted()) {
			return reply.toXml();
		}
		if (this.safeMode == null) {
			throw new IllegalStateException("an encrypted message needs vc.wechat.official-account.aes-key");
		}
		return reply.toEncryptedXml(this.safeMode);
	}

	/** SHA-1 of the sorted parts, WeChat's scheme for both signatures. */
	private static boolean matches(String signature, String... parts) {
		if (signature == null) {
			return false;
		}
		for (String part : parts) {
			if (part == null || part.isEmpty()) {
				return false;
			}
		}
		byte[] expected = SHA1.gen(parts).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * XStream and dom4j fail in many ways on input that is not WeChat's XML; their messages may quote the input, so
	 * they are not passed on.
	 */
	private static WxMpXmlMessage xml(Supplier<WxMpXmlMessage> parse) {
		WxMpXmlMessage message;
		try {
			message = parse.get();
		}
		catch (RuntimeException ex) {
			throw new WechatDataInvalidException("malformed XML");
		}
		if (message == null) {
			throw new WechatDataInvalidException("malformed XML");
		}
		return message;
	}

	private static Message message(WxMpXmlMessage xml, boolean encrypted) {
		Long createTime = xml.getCreateTime();
		if (blank(xml.getToUser()) || blank(xml.getFromUser()) || blank(xml.getMsgType()) || createTime == null
				|| createTime < 0 || createTime > MAX_EPOCH_SECOND) {
			throw new WechatDataInvalidException("not a message");
		}
		String msgId = (xml.getMsgId() != null) ? String.valueOf(xml.getMsgId()) : null;
		return new Message(xml.getToUser(), xml.getFromUser(), Instant.ofEpochSecond(createTime),
				xml.getMsgType(), xml.getContent(), msgId, xml.getEvent(), encrypted);
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
