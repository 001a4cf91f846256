package cn.villagecounsel.api.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import cn.villagecounsel.api.common.RandomIds;
import reactor.core.publisher.Mono;

/**
 * Rotating refresh tokens in Redis. Each sign-in starts a family; each refresh spends one token and
 * issues the next in the same family. A spent token presented again means it leaked, so the whole
 * family is revoked (OAuth 2.0 Security BCP §4.14). Only SHA-256 digests of tokens are stored.
 */
@Component
class RefreshTokens {

    private static final String TOKEN_KEY = "vc:rt:";
    private static final String FAMILY_KEY = "vc:rtf:";

    /** Spends a token atomically: returns {userId, familyId, outcome}, outcome ok|reused|revoked. */
    private static final RedisScript<List> SPEND = RedisScript.of("""
            local fields = redis.call('HMGET', KEYS[1], 'user', 'family', 'used')
            if not fields[1] then return nil end
            local family = ARGV[1] .. fields[2]
            if redis.call('EXISTS', family) == 0 then return {fields[1], fields[2], 'revoked'} end
            if fields[3] == '1' then
              redis.call('DEL', family)
              return {fields[1], fields[2], 'reused'}
            end
            redis.call('HSET', KEYS[1], 'used', '1')
            return {fields[1], fields[2], 'ok'}
            """, List.class);

    private final ReactiveStringRedisTemplate redis;
    private final Duration ttl;

    RefreshTokens(ReactiveStringRedisTemplate redis, AccountProperties properties) {
        this.redis = redis;
        this.ttl = properties.refreshTokenTtl();
    }

    enum Outcome { OK, REUSED, REVOKED }

    record Spent(String userId, String familyId, Outcome outcome) {
    }

    /** Starts a new family (a new sign-in) and returns its first token. */
    Mono<String> startFamily(String userId) {
        String familyId = RandomIds.id();
        return redis.opsForValue().set(FAMILY_KEY + familyId, userId, ttl)
                .then(issue(userId, familyId));
    }

    /** Issues the next token of a family and keeps the family alive for another full TTL. */
    Mono<String> issue(String userId, String familyId) {
        String token = RandomIds.secret();
        String key = TOKEN_KEY + digest(token);
        return redis.opsForHash().putAll(key, Map.of("user", userId, "family", familyId, "used", "0"))
                .then(redis.expire(key, ttl))
                .then(redis.expire(FAMILY_KEY + familyId, ttl))
                .thenReturn(token);
    }

    /** Spends a token; empty when the token is unknown or expired. */
    Mono<Spent> spend(String token) {
        return redis.execute(SPEND, List.of(TOKEN_KEY + digest(token)), List.of(FAMILY_KEY))
                .next()
                .filter(result -> result.size() == 3 && result.get(0) != null)
                .map(result -> new Spent((String) result.get(0), (String) result.get(1),
                        Outcome.valueOf(((String) result.get(2)).toUpperCase(Locale.ROOT))));
    }

    /** Revokes the family a token belongs to (sign-out), if the token belongs to {@code userId}. */
    Mono<Void> revokeFamilyOf(String token, String userId) {
        return redis.<String, String>opsForHash().multiGet(TOKEN_KEY + digest(token), List.of("user", "family"))
                .filter(fields -> userId.equals(fields.get(0)) && fields.get(1) != null)
                .flatMap(fields -> redis.delete(FAMILY_KEY + fields.get(1)))
                .then();
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
