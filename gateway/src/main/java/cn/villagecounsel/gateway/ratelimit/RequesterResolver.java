package cn.villagecounsel.gateway.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import cn.villagecounsel.gateway.web.ClientAddressResolver;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Decides whose bucket a request draws from. A bearer token counts only if its RS256 signature verifies against the
 * api's JWK set and it has not expired; otherwise anyone could mint a fresh subject per request and never be limited.
 * Requests without such a token draw from their client address's bucket.
 */
@Component
class RequesterResolver {

	private static final Logger log = LoggerFactory.getLogger(RequesterResolver.class);

	private static final String BEARER_PREFIX = "bearer ";

	private static final int MAX_VERIFIED_TOKENS = 10_000;

	private final ReactiveJwtDecoder decoder;

	private final ClientAddressResolver clientAddresses;

	private final Duration tokenTimeout;

	// Clients send the same token for its whole life, and checking its RS256 signature is the dearest part of a
	// request here. Keyed by the exact token, so only a token that verified can ever match.
	private final Map<String, VerifiedToken> verified = new ConcurrentHashMap<>();

	RequesterResolver(RateLimitProperties properties, ClientAddressResolver clientAddresses) {
		this.clientAddresses = clientAddresses;
		this.tokenTimeout = properties.tokenTimeout();
		HttpClient jwksClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.tokenTimeout().toMillis())
			.responseTimeout(properties.tokenTimeout());
		this.decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri())
			.webClient(WebClient.builder().clientConnector(new ReactorClientHttpConnector(jwksClient)).build())
			.build();
	}

	Mono<Requester> resolve(ServerHttpRequest request) {
		Requester anonymous = Requester.anonymous(this.clientAddresses.clientAddress(request));
		String token = bearerToken(request.getHeaders());
		if (token == null) {
			return Mono.just(anonymous);
		}
		VerifiedToken known = this.verified.get(token);
		if (known != null && known.expiresAt().isAfter(Instant.now())) {
			return Mono.just(Requester.authenticated(known.subject()));
		}
		return Mono.defer(() -> this.decoder.decode(token))
			.timeout(this.tokenTimeout)
			.map((jwt) -> {
				if (!StringUtils.hasText(jwt.getSubject())) {
					return anonymous;
				}
				remember(token, jwt);
				return Requester.authenticated(jwt.getSubject());
			})
			.onErrorResume((ex) -> {
				log.debug("Bearer token not verified, limiting by client address: {}", ex.toString());
				return Mono.just(anonymous);
			});
	}

	private void remember(String token, Jwt jwt) {
		Instant expiresAt = jwt.getExpiresAt();
		Instant now = Instant.now();
		if (expiresAt == null || !expiresAt.isAfter(now)) {
			return;
		}
		if (this.verified.size() >= MAX_VERIFIED_TOKENS) {
			this.verified.values().removeIf((entry) -> !entry.expiresAt().isAfter(now));
			if (this.verified.size() >= MAX_VERIFIED_TOKENS) {
				this.verified.clear();
			}
		}
		this.verified.put(token, new VerifiedToken(jwt.getSubject(), expiresAt));
	}

	private static @Nullable String bearerToken(HttpHeaders headers) {
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization == null || authorization.length() <= BEARER_PREFIX.length()
				|| !authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
			return null;
		}
		String token = authorization.substring(BEARER_PREFIX.length()).trim();
		return token.isEmpty() ? null : token;
	}

	private record VerifiedToken(String subject, Instant expiresAt) {
	}

	/**
	 * @param tier which configured limit applies
	 * @param key the bucket within the tier
	 */
	record Requester(String tier, String key) {

		static final String ANONYMOUS = "anonymous";

		static final String AUTHENTICATED = "authenticated";

		static Requester anonymous(String clientAddress) {
			return new Requester(ANONYMOUS, "ip:" + clientAddress);
		}

		static Requester authenticated(String subject) {
			return new Requester(AUTHENTICATED, "sub:" + subject);
		}

	}

}
