package cn.villagecounsel.api.account;

import java.time.Duration;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Keeps each resident's WeChat {@code session_key} server-side, for decrypting data the
 * mini-program sends later (group context, phone number). It is never returned by any endpoint.
 */
@Component
public class WechatSessions {

    private static final String KEY = "vc:wx:session-key:";
    /** WeChat rotates session keys; a stale one simply means asking the user to sign in again. */
    private static final Duration TTL = Duration.ofDays(3);

    private final ReactiveStringRedisTemplate redis;

    WechatSessions(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    Mono<Boolean> remember(String userId, String sessionKey) {
        return redis.opsForValue().set(KEY + userId, sessionKey, TTL);
    }

    public Mono<String> sessionKeyOf(String userId) {
        return redis.opsForValue().get(KEY + userId);
    }
}
