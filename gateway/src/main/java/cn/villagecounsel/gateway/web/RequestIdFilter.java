package cn.villagecounsel.gateway.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an id: a well-formed incoming {@code X-Request-Id} is kept, anything else is replaced. The id
 * goes to the api, back to the client, and into problems as {@code traceId}.
 */
@Component
public class RequestIdFilter implements WebFilter, Ordered {

	public static final String HEADER = "X-Request-Id";

	private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	/** The id of this request; ids are assigned first thing, so this is only a fallback for broken chains. */
	public static String requestId(ServerWebExchange exchange) {
		String id = exchange.getAttribute(ATTRIBUTE);
		return (id != null) ? id : exchange.getAttributes().computeIfAbsent(ATTRIBUTE, (key) -> newId()).toString();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
		String id = (incoming != null && WELL_FORMED.matcher(incoming).matches()) ? incoming : newId();
		exchange.getAttributes().put(ATTRIBUTE, id);
		// set at commit time: the proxied response's headers are copied in later and would otherwise add a second id
		exchange.getResponse().beforeCommit(() -> {
			exchange.getResponse().getHeaders().set(HEADER, id);
			return Mono.empty();
		});
		ServerHttpRequest request = exchange.getRequest().mutate().headers((headers) -> headers.set(HEADER, id)).build();
		return chain.filter(exchange.mutate().request(request).build());
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	// A random (version 4) UUID without SecureRandom, whose seeding may block an event-loop thread; ids are
	// correlation handles, not secrets.
	private static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & ~(0xCL << 60)) | (0x8L << 60);
		return new UUID(high, low).toString();
	}

}
