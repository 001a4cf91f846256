package cn.villagecounsel.api.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import cn.villagecounsel.api.common.ChinaTime;
import reactor.core.publisher.Mono;

/**
 * Send rates shared by every api instance, in Redis: a reservation per send (GCRA, on Redis' clock so instances agree)
 * paces a channel to its configured rate, and a channel WeChat cut off for the day (45009) pauses until midnight
 * Asia/Shanghai.
 */
@Component
class SendRates {

    /**
     * KEYS[1] the theoretical arrival time of the next send (ms); ARGV: interval ms, burst, longest wait ms. Answers
     * the wait in ms when the send is reserved, or -(the wait) when it would be longer than allowed (nothing reserved).
     */
    private static final RedisScript<Long> RESERVE = RedisScript.of("""
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local interval = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
            if tat < now then tat = now end
            local wait = math.ceil(tat - (burst - 1) * interval - now)
            if wait < 0 then wait = 0 end
            if wait > tonumber(ARGV[3]) then return -wait end
            redis.call('SET', KEYS[1], tostring(tat + interval), 'PX', math.ceil(tat + interval - now) + 1000)
            return wait
            """, Long.class);

    private static final String RATE = "vc:notify:rate:";
    private static final String PAUSED = "vc:notify:paused:";

    private final ReactiveStringRedisTemplate redis;
    private final NotificationProperties properties;
    private final Clock clock;

    SendRates(ReactiveStringRedisTemplate redis, NotificationProperties properties, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
    }

    /** Completes when the channel may send one more message at its configured rate (at once if it has none). */
    Mono<Void> pace(String channel) {
        Double perSecond = properties.rates().get(channel);
        if (perSecond == null || perSecond <= 0) {
            return Mono.empty();
        }
        return reserve(RATE + channel, 1000 / perSecond, 1, Long.MAX_VALUE / 2)
                .flatMap(wait -> wait == 0 ? Mono.<Void>empty() : Mono.delay(Duration.ofMillis(wait)).then());
    }

    /**
     * Takes a send from a bucket that refills every {@code interval}, without waiting: empty when one is free now,
     * else how long until one is.
     */
    Mono<Duration> tryTake(String bucket, Duration interval) {
        return reserve(RATE + bucket, interval.toMillis(), 1, 0)
                .flatMap(wait -> wait == 0 ? Mono.<Duration>empty() : Mono.just(Duration.ofMillis(-wait)));
    }

    private Mono<Long> reserve(String key, double intervalMillis, int burst, long maxWaitMillis) {
        return redis.execute(RESERVE, List.of(key), List.of(String.valueOf(intervalMillis), String.valueOf(burst),
                String.valueOf(maxWaitMillis))).next();
    }

    /** WeChat's daily quota for the channel is used up: leave it alone until midnight in China. */
    Mono<Void> pauseForToday(String channel) {
        Instant midnight = ChinaTime.today(clock).plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant();
        Duration left = Duration.between(clock.instant(), midnight);
        return redis.opsForValue().set(PAUSED + channel, midnight.toString(), left.isNegative() ? Duration.ofSeconds(1)
                : left).then();
    }

    Mono<Boolean> paused(String channel) {
        return redis.hasKey(PAUSED + channel);
    }
}
