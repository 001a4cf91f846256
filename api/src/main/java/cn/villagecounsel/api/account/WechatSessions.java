package cn.villagecounsel.api.account;

import java.time.Duration;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import cn.villagecounsel.api.common.FieldCipher;
import reactor.core.publisher.Mono;

/**
 * Keeps each resident's WeChat {@code session_key} server-side, for decrypting data the
 * mini-program sends later (group context, phone number). It is never returned by any endpoint, and
 * Redis holds it only encrypted.
 */
@Component
public class WechatSessions {

    private static final String KEY = "vc:wx:session-key:";
    /** WeChat rotates session keys; a stale one simply means asking the user to sign in again. */
    private static final Duration TTL = Duration.ofDays(3);

    private final ReactiveStringRedisTemplate redis;
    private final FieldCipher cipher;

    WechatSessions(ReactiveStringRedisTemplate redis, FieldCipher cipher) {
        this.redis = redis;
        this.cipher = cipher;
    }

    Mono<Boolean> remember(String userId, String sessionKey) {
        return redis.opsForValue().set(KEY + userId, cipher.encrypt(sessionKey), TTL);
    }

    public Mono<String> sessionKeyOf(String userId) {
        return redis.opsForValue().get(KEY + userId).map(cipher::decrypt);
    }
}
