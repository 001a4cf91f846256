package cn.villagecounsel.gateway.ratelimit;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits under {@code vc.gateway.rate-limit}. Buckets refill once per second (Redis {@code TIME} has second
 * resolution in the script), so {@code burstCapacity} must be at least {@code replenishRate}.
 *
 * @param enabled whether limits apply at all
 * @param jwkSetUri the api's JWK set, used to verify bearer tokens before trusting their subject
 * @param anonymous the bucket per client address, for requests without a verifiable token
 * @param authenticated the bucket per token subject
 * @param redisTimeout how long to wait for Redis before letting the request through unchecked
 * @param redisRetryInterval after Redis failed, how long to let requests through without asking it again
 * @param tokenTimeout how long verifying a token (including fetching the JWK set) may take before the request
 * counts as anonymous
 */
@Validated
@ConfigurationProperties("vc.gateway.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @NotBlank String jwkSetUri,
		@Valid Tier anonymous, @Valid Tier authenticated, @DefaultValue("2s") @NotNull Duration redisTimeout,
		@DefaultValue("5s") @NotNull Duration redisRetryInterval, @DefaultValue("2s") @NotNull Duration tokenTimeout) {

	public RateLimitProperties {
		anonymous = (anonymous != null) ? anonymous : new Tier(10, 40);
		authenticated = (authenticated != null) ? authenticated : new Tier(50, 100);
	}

	/**
	 * @param replenishRate tokens added per second
	 * @param burstCapacity tokens the bucket holds
	 */
	public record Tier(@Min(1) int replenishRate, @Min(1) long burstCapacity) {

		public Tier {
			if (burstCapacity < replenishRate) {
				throw new IllegalArgumentException("burst-capacity (" + burstCapacity
						+ ") must be at least replenish-rate (" + replenishRate + ")");
			}
		}

	}

}
