package cn.villagecounsel.gateway.ratelimit;

import java.time.Duration;

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

	private final ReactiveJwtDecoder decoder;

	private final ClientAddressResolver clientAddresses;

	private final Duration tokenTimeout;

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
		return Mono.defer(() -> this.decoder.decode(token))
			.timeout(this.tokenTimeout)
			.map((jwt) -> StringUtils.hasText(jwt.getSubject()) ? Requester.authenticated(jwt.getSubject()) : anonymous)
			.onErrorResume((ex) -> {
				log.debug("Bearer token not verified, limiting by client address: {}", ex.toString());
				return Mono.just(anonymous);
			});
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
