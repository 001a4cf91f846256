package cn.villagecounsel.gateway.web;

import java.util.List;

import cn.villagecounsel.gateway.GatewayProperties;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Adds the security headers to every response: proxied, static and error responses alike. The gateway's values win
 * over the api's so that one place decides the policy.
 */
@Component
class SecurityHeadersFilter implements WebFilter, Ordered {

	// springdoc on WebFlux serves the UI under /webjars/swagger-ui/ and redirects there from /swagger-ui.html
	private static final List<String> SWAGGER_PREFIXES = List.of("/swagger-ui.html", "/swagger-ui/",
			"/webjars/swagger-ui/");

	private final GatewayProperties.Headers headers;

	private final ClientAddressResolver clientAddresses;

	SecurityHeadersFilter(GatewayProperties properties, ClientAddressResolver clientAddresses) {
		this.headers = properties.headers();
		this.clientAddresses = clientAddresses;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		boolean swagger = SWAGGER_PREFIXES.stream().anyMatch(path::startsWith);
		boolean secure = this.clientAddresses.isSecure(exchange.getRequest());
		ServerHttpResponse response = exchange.getResponse();
		// at commit time, after a proxied response's own headers have been copied in
		response.beforeCommit(() -> {
			HttpHeaders out = response.getHeaders();
			out.set("X-Content-Type-Options", "nosniff");
			out.set("X-Frame-Options", "DENY");
			out.set("Referrer-Policy", this.headers.referrerPolicy());
			out.set("Content-Security-Policy",
					swagger ? this.headers.swaggerContentSecurityPolicy() : this.headers.contentSecurityPolicy());
			if (secure) {
				out.set("Strict-Transport-Security", this.headers.strictTransportSecurity());
			}
			else {
				out.remove("Strict-Transport-Security");
			}
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
