package cn.villagecounsel.wechat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import cn.binarywang.wx.miniapp.util.crypt.WxMaCryptUtils;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import reactor.core.publisher.Mono;

/**
 * Decrypts group-enter data with WxJava's {@link WxMaCryptUtils} (AES-128-CBC, WeChat's "开放数据校验与解密").
 * <p>
 * CBC without a MAC does not detect tampering by itself: a garbled block shows up as invalid JSON, a watermark of
 * another app or an opengid outside WeChat's alphabet, all of which are rejected.
 */
final class WxJavaGroupEnterInfo implements GroupEnterInfo {

	private static final int AES_BLOCK = 16;

	// Group data is about 120 bytes; anything much larger is not from wx.getGroupEnterInfo.
	private static final int MAX_DATA_BYTES = 4096;

	// opengids look like "tG7HX5I_gWdgxDkNI7pBzmmzbYOs".
	private static final Pattern OPENGID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

	private final String appId;

	/**
	 * @param appId the mini-program's AppID, which the watermark must name; null in sandbox mode (no check)
	 */
	WxJavaGroupEnterInfo(String appId) {
		this.appId = appId;
		// Load the JCE classes now rather than on the first caller's (possibly event-loop) thread.
		byte[] zeros = new byte[AES_BLOCK];
		String key = Base64.getEncoder().encodeToString(zeros);
		try {
			WxMaCryptUtils.decrypt(key, key, key);
		}
		catch (RuntimeException ex) {
			// Only warming up.
		}
	}

	@Override
	public Mono<String> openGid(String sessionKey, String encryptedData, String iv) {
		return Mono.fromCallable(() -> decrypt(sessionKey, encryptedData, iv));
	}

	private String decrypt(String sessionKey, String encryptedData, String iv) {
		requireBase64(sessionKey, AES_BLOCK, AES_BLOCK, "session key");
		requireBase64(iv, AES_BLOCK, AES_BLOCK, "iv");
		requireBase64(encryptedData, AES_BLOCK, MAX_DATA_BYTES, "encrypted data");
		String json;
		try {
			json = WxMaCryptUtils.decrypt(sessionKey, encryptedData, iv);
		}
		catch (RuntimeException ex) {
			throw new WechatDataInvalidException("decryption failed", ex);
		}
		JsonObject data;
		try {
			JsonElement parsed = JsonParser.parseString(json);
			if (!parsed.isJsonObject()) {
				throw new WechatDataInvalidException("not a JSON object");
			}
			data = parsed.getAsJsonObject();
		}
		catch (JsonParseException ex) {
			// Do not attach the cause: its message may quote the decrypted text.
			throw new WechatDataInvalidException("not JSON");
		}
		String watermarkAppId = string(object(data, "watermark"), "appid");
		if (watermarkAppId == null || (appId != null && !appId.equals(watermarkAppId))) {
			throw new WechatDataInvalidException("watermark of another app");
		}
		String openGid = string(data, "opengid");
		if (openGid == null || !OPENGID.matcher(openGid).matches()) {
			throw new WechatDataInvalidException("no opengid");
		}
		return openGid;
	}

	private static void requireBase64(String value, int minBytes, int maxBytes, String what) {
		if (value == null || value.length() > (maxBytes + 2) / 3 * 4) {
			throw new WechatDataInvalidException("malformed " + what);
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(value.getBytes(StandardCharsets.US_ASCII));
		}
		catch (IllegalArgumentException ex) {
			throw new WechatDataInvalidException("malformed " + what);
		}
		if (bytes.length < minBytes || bytes.length > maxBytes || bytes.length % AES_BLOCK != 0) {
			throw new WechatDataInvalidException("malformed " + what);
		}
	}

	private static JsonObject object(JsonObject parent, String name) {
		JsonElement element = parent.get(name);
		return (element != null && element.isJsonObject()) ? element.getAsJsonObject() : null;
	}

	private static String string(JsonObject parent, String name) {
		if (parent == null) {
			return null;
		}
		JsonElement element = parent.get(name);
		return (element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isString())
				? element.getAsString() : null;
	}

}
