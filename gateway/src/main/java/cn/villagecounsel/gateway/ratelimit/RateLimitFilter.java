package cn.villagecounsel.gateway.ratelimit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import cn.villagecounsel.gateway.problem.GatewayProblem;
import cn.villagecounsel.gateway.problem.ProblemException;
import cn.villagecounsel.gateway.ratelimit.RequesterResolver.Requester;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Applies the rate limits to every proxied (api) route with SCG's {@link RedisRateLimiter}. A denied request ends
 * with a 429 problem and {@code Retry-After}. When Redis is unreachable, requests pass unchecked: an outage of the
 * limiter must not become an outage of the platform. That is logged once per outage, not once per request.
 */
@Component
class RateLimitFilter implements GlobalFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

	private static final Duration REDIS_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private static final RateLimiter.Response UNCHECKED = new RateLimiter.Response(true, Map.of());

	// RedisRateLimiter swallows Redis errors and answers "allowed" with this many tokens left
	private static final String REDIS_FAILED = "-1";

	private final RateLimitProperties properties;

	private final RequesterResolver requesters;

	private final RedisRateLimiter limiter;

	private final ReactiveRedisConnectionFactory redisConnections;

	/** {@link System#nanoTime()} before which Redis is not asked again; zero while Redis is healthy. */
	private final AtomicLong skipRedisUntil = new AtomicLong();

	RateLimitFilter(RateLimitProperties properties, RequesterResolver requesters, ReactiveStringRedisTemplate redis,
			ConfigurationService configurationService) throws IOException {
		this.properties = properties;
		this.requesters = requesters;
		this.redisConnections = redis.getConnectionFactory();
		// our own instance: its headers must stay on, they are how a swallowed Redis failure shows
		this.limiter = new RedisRateLimiter(redis, tokenBucketScript(), configurationService);
		this.limiter.setIncludeHeaders(true);
		this.limiter.getConfig().put(Requester.ANONYMOUS, bucket(properties.anonymous()));
		this.limiter.getConfig().put(Requester.AUTHENTICATED, bucket(properties.authenticated()));
	}

	/** Opens the shared Redis connection before traffic arrives: opening it blocks, and may be slow the first time. */
	@EventListener(ApplicationReadyEvent.class)
	void connectToRedis() {
		if (!this.properties.enabled()) {
			return;
		}
		try {
			this.redisConnections.getReactiveConnection().ping().block(REDIS_CONNECT_TIMEOUT);
			redisAnswered();
		}
		catch (RuntimeException ex) {
			redisFailed(ex);
		}
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (!this.properties.enabled()) {
			return chain.filter(exchange);
		}
		return this.requesters.resolve(exchange.getRequest())
			.flatMap((requester) -> check(requester).flatMap((response) -> {
				HttpHeaders headers = exchange.getResponse().getHeaders();
				response.getHeaders().forEach(headers::set);
				if (response.isAllowed()) {
					return chain.filter(exchange);
				}
				return Mono.error(GatewayProblem.RATE_LIMITED.exception()
					.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds(requester, response))));
			}));
	}

	@Override
	public int getOrder() {
		// before the route's own filters, so that retries do not draw tokens again
		return -100;
	}

	private Mono<RateLimiter.Response> check(Requester requester) {
		long skipUntil = this.skipRedisUntil.get();
		if (skipUntil != 0 && System.nanoTime() - skipUntil < 0) {
			return Mono.just(UNCHECKED);
		}
		return this.limiter.isAllowed(requester.tier(), requester.key())
			// Spring Data Redis hands out its shared connection under a lock, and opens it synchronously if Redis
			// was down at startup; neither may happen on an event-loop thread
			.subscribeOn(Schedulers.boundedElastic())
			.timeout(this.properties.redisTimeout())
			.flatMap((response) -> REDIS_FAILED.equals(response.getHeaders().get(RedisRateLimiter.REMAINING_HEADER))
					? Mono.error(new IllegalStateException("Redis did not run the rate limiter script"))
					: Mono.just(response))
			.doOnNext((response) -> redisAnswered())
			.onErrorResume((ex) -> {
				redisFailed(ex);
				return Mono.just(UNCHECKED);
			});
	}

	private void redisAnswered() {
		if (this.skipRedisUntil.get() != 0 && this.skipRedisUntil.getAndSet(0) != 0) {
			log.info("Redis answers again; rate limits are enforced");
		}
	}

	private void redisFailed(Throwable ex) {
		Duration pause = this.properties.redisRetryInterval();
		if (this.skipRedisUntil.getAndSet(System.nanoTime() + pause.toNanos()) == 0) {
			log.warn("Redis is unavailable for rate limiting; letting requests through unchecked and retrying every {}"
					+ " ({})", pause, ex.toString());
		}
	}

	private long retryAfterSeconds(Requester requester, RateLimiter.Response response) {
		RedisRateLimiter.Config bucket = this.limiter.getConfig().get(requester.tier());
		long left;
		try {
			left = Long.parseLong(response.getHeaders().getOrDefault(RedisRateLimiter.REMAINING_HEADER, "0"));
		}
		catch (NumberFormatException ex) {
			left = 0;
		}
		long missing = Math.max(1, bucket.getRequestedTokens() - left);
		return Math.max(1, (missing + bucket.getReplenishRate() - 1) / bucket.getReplenishRate());
	}

	/**
	 * SCG's token-bucket script, read once now: SCG's own script bean rereads its file whenever Redis lacks the
	 * script (first use, after a Redis restart), on a Redis event-loop thread.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static RedisScript<List<Long>> tokenBucketScript() throws IOException {
		String lua = new ClassPathResource("META-INF/scripts/request_rate_limiter.lua")
			.getContentAsString(StandardCharsets.UTF_8);
		return (RedisScript) RedisScript.of(lua, List.class);
	}

	private static RedisRateLimiter.Config bucket(RateLimitProperties.Tier tier) {
		return new RedisRateLimiter.Config().setReplenishRate(tier.replenishRate())
			.setBurstCapacity(tier.burstCapacity());
	}

}
