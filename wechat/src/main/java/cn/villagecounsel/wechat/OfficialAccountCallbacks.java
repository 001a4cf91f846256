package cn.villagecounsel.wechat;

import java.time.Instant;

/**
 * The Official Account's server callbacks (服务器配置, 消息推送): WeChat's signature check, incoming messages in plain or
 * safe mode (安全模式, AES), and passive replies. Present when {@code vc.wechat.official-account.token} is set, in both
 * modes. Pure local work (a SHA-1, an AES block chain, a few KB of XML), so it runs on the calling thread.
 */
public interface OfficialAccountCallbacks {

	/**
	 * The query parameters WeChat adds to a pushed message.
	 * @param signature sha1 of the sorted token, timestamp and nonce
	 * @param timestamp {@code timestamp}
	 * @param nonce {@code nonce}
	 * @param encryptType {@code encrypt_type}: {@code aes} in safe mode, absent or {@code raw} in plain mode
	 * @param msgSignature {@code msg_signature} (safe mode): sha1 of the sorted token, timestamp, nonce and ciphertext
	 */
	record Query(String signature, String timestamp, String nonce, String encryptType, String msgSignature) {
	}

	/**
	 * A message or event as WeChat pushed it.
	 * @param toUser the account's original ID ({@code gh_...})
	 * @param fromUser the sender's openid in this account
	 * @param createTime when WeChat received it
	 * @param msgType {@code text}, {@code image}, {@code voice}, {@code video}, {@code shortvideo}, {@code location},
	 * {@code link} or {@code event}
	 * @param content the text of a text message, else null
	 * @param msgId WeChat's message id; null for events
	 * @param event the event of an {@code event} ({@code subscribe}, {@code unsubscribe}, {@code CLICK}...), else null
	 * @param encrypted whether it came in safe mode (the reply must be encrypted too)
	 */
	record Message(String toUser, String fromUser, Instant createTime, String msgType, String content, String msgId,
			String event, boolean encrypted) {

		public boolean isText() {
			return "text".equals(msgType);
		}

		public boolean isEvent() {
			return "event".equals(msgType);
		}

	}

	/**
	 * Whether {@code signature} is WeChat's for this account's token: the server check (GET with {@code echostr})
	 * and every pushed message carry it. Missing parameters are not valid.
	 */
	boolean verify(String signature, String timestamp, String nonce);

	/**
	 * Checks and reads a pushed message: the signature, in safe mode also {@code msg_signature}, then the XML
	 * (decrypted in safe mode).
	 * <p>
	 * Fails with {@link WechatSignatureInvalidException} when a signature does not match, and with
	 * {@link WechatDataInvalidException} when the body is not WeChat's XML, is larger than 64 KB, does not decrypt, or
	 * is in safe mode while no {@code aes-key} is configured.
	 * @param body the request body
	 */
	Message parse(Query query, String body);

	/**
	 * A passive reply (被动回复) with a text, encrypted when {@code to} came encrypted. WeChat shows it to the sender
	 * if it arrives within 5 seconds.
	 * @param to the message replied to
	 * @param text the text; at most 2048 UTF-8 bytes by WeChat's rule
	 * @return the XML to answer with
	 */
	String textReply(Message to, String text);

}
