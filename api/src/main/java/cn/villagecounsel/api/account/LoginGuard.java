package cn.villagecounsel.api.account;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Locks a username after repeated wrong passwords, in Redis so every api instance sees the same
 * count. Unknown usernames are counted the same way, so the lock reveals nothing about which
 * accounts exist.
 */
@Component
class LoginGuard {

    private static final String FAILURES = "vc:login:fail:";
    private static final String LOCK = "vc:login:lock:";

    private final ReactiveStringRedisTemplate redis;
    private final AccountProperties.Lockout lockout;

    LoginGuard(ReactiveStringRedisTemplate redis, AccountProperties properties) {
        this.redis = redis;
        this.lockout = properties.lockout();
    }

    /** Fails with {@code ACCOUNT_LOCKED} while the username is locked, whatever the password. */
    Mono<Void> checkNotLocked(String username) {
        return redis.getExpire(LOCK + username)
                .filter(ttl -> !ttl.isNegative() && !ttl.isZero())
                .flatMap(ttl -> Mono.<Void>error(new AccountProblems.AccountLocked(ttl)));
    }

    /** Counts a failure; the one that reaches the limit locks the account and says so. */
    Mono<Void> recordFailure(String username) {
        String key = FAILURES + username;
        return redis.opsForValue().increment(key)
                .flatMap(count -> count == 1 ? redis.expire(key, lockout.window()).thenReturn(count) : Mono.just(count))
                .flatMap(count -> count < lockout.maxFailures() ? Mono.<Void>empty()
                        : redis.opsForValue().set(LOCK + username, "1", lockout.duration())
                                .then(redis.delete(key))
                                .then(Mono.error(new AccountProblems.AccountLocked(lockout.duration()))));
    }

    Mono<Void> recordSuccess(String username) {
        return redis.delete(FAILURES + username).then();
    }
}
