package cn.villagecounsel.api.common;

import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Gives every request an id: the gateway's {@code X-Request-Id} when well formed, else a new one.
 * It is echoed in the response and is the {@code traceId} of every problem.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIds implements WebFilter {

    public static final String HEADER = "X-Request-Id";
    /** The request id in the Reactor context, for code that has no exchange at hand (the audit log). */
    public static final String CONTEXT_KEY = "vc.requestId";
    private static final String ATTRIBUTE = RequestIds.class.getName();
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    RequestIds() {
        // Seeds the shared generator now, on the startup thread: seeding reads the OS entropy source.
        RandomIds.id();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = of(exchange);
        exchange.getResponse().getHeaders().set(HEADER, id);
        return chain.filter(exchange).contextWrite(context -> context.put(CONTEXT_KEY, id));
    }

    /** The request's id, assigned on first use so that errors before this filter still carry one. */
    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        if (id == null) {
            String incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
            id = incoming != null && WELL_FORMED.matcher(incoming).matches()
                    ? incoming
                    : RandomIds.id();
            exchange.getAttributes().put(ATTRIBUTE, id);
        }
        return id;
    }
}
