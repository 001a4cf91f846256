package cn.villagecounsel.api.duty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.RandomIds;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Redis locks ({@code SET NX PX} with a random token, released only by their holder):
 * <ul>
 * <li>per advisor, around every change of an advisor's sessions, so that two concurrent edits (on any api
 * instance) cannot each pass the overlap check against the other's old state;</li>
 * <li>a cluster-wide lease for the daily extension, so one instance runs it.</li>
 * </ul>
 * A holder that dies loses its lock when the TTL ends.
 */
@Component
class DutyLocks {

    private static final String ADVISOR_KEY = "vc:duty:lock:advisor:";
    private static final Duration POLL = Duration.ofMillis(50);

    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final Duration ttl;
    private final Duration wait;

    DutyLocks(ReactiveStringRedisTemplate redis, DutyProperties properties) {
        this.redis = redis;
        this.ttl = properties.lockTtl();
        this.wait = properties.lockWait();
    }

    /**
     * Runs {@code work} holding the locks of all these advisors (taken in id order); waits up to the configured
     * time for them, then fails with 409 {@code SCHEDULE_BUSY}.
     */
    <T> Mono<T> withAdvisors(Collection<String> advisorIds, Supplier<Mono<T>> work) {
        return withAdvisors(advisorIds, wait, work)
                .switchIfEmpty(Mono.defer(() -> Mono.error(busy())));
    }

    /** Like {@link #withAdvisors(Collection, Supplier)} but gives up quietly (empty) when the locks are busy. */
    <T> Mono<T> tryWithAdvisors(Collection<String> advisorIds, Duration patience, Supplier<Mono<T>> work) {
        return withAdvisors(advisorIds, patience, work);
    }

    private <T> Mono<T> withAdvisors(Collection<String> advisorIds, Duration patience, Supplier<Mono<T>> work) {
        List<String> keys = new TreeSet<>(advisorIds).stream().map(id -> ADVISOR_KEY + id).toList();
        String token = RandomIds.id();
        List<String> held = new ArrayList<>();
        long attempts = Math.max(0, patience.toMillis() / POLL.toMillis());
        Mono<Boolean> acquireAll = Flux.fromIterable(keys)
                .concatMap(key -> acquire(key, token, attempts).doOnNext(ok -> {
                    if (ok) {
                        synchronized (held) {
                            held.add(key);
                        }
                    }
                }))
                .all(Boolean::booleanValue);
        return Mono.usingWhen(acquireAll,
                acquired -> acquired ? work.get() : Mono.<T>empty(),
                acquired -> releaseAll(held, token));
    }

    private Mono<Boolean> acquire(String key, String token, long attempts) {
        return redis.opsForValue().setIfAbsent(key, token, ttl)
                .filter(Boolean::booleanValue)
                .repeatWhenEmpty(repeats -> repeats.take(attempts).concatMap(repeat -> Mono.delay(POLL)))
                .defaultIfEmpty(false);
    }

    private Mono<Void> releaseAll(List<String> held, String token) {
        List<String> keys;
        synchronized (held) {
            keys = List.copyOf(held);
        }
        return Flux.fromIterable(keys).concatMap(key -> release(key, token)).then();
    }

    /** Takes a named lease for {@code duration}; the token to release it with, or empty when someone holds it. */
    Mono<String> lease(String key, Duration duration) {
        String token = RandomIds.id();
        return redis.opsForValue().setIfAbsent(key, token, duration)
                .filter(Boolean::booleanValue)
                .map(ok -> token);
    }

    Mono<Void> release(String key, String token) {
        return redis.execute(RELEASE, List.of(key), List.of(token)).then();
    }

    static ApiProblem busy() {
        return new ApiProblem(HttpStatus.CONFLICT, "SCHEDULE_BUSY", "值班安排正在修改",
                "该法律顾问的值班安排正在被他人修改，请稍后重试。");
    }
}
