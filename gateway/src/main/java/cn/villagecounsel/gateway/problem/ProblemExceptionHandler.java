package cn.villagecounsel.gateway.problem;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.villagecounsel.gateway.web.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes every error that reaches the gateway's own edge as problem+json: its own problems, Spring's status
 * exceptions (404, 405, ...) and failures talking to the api. Problems the api returns are ordinary proxied
 * responses and never come here.
 */
@Component
@Order(-2) // ahead of Boot's DefaultErrorWebExceptionHandler, which would answer with its own JSON
class ProblemExceptionHandler implements ErrorWebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

	private static final List<String> STALE_ENTITY_HEADERS = List.of(HttpHeaders.CONTENT_LENGTH,
			HttpHeaders.CONTENT_ENCODING, HttpHeaders.TRANSFER_ENCODING, HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED);

	private final ServerResponse.Context context;

	ProblemExceptionHandler(ServerCodecConfigurer codecs) {
		this.context = new ServerResponse.Context() {
			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return codecs.getWriters();
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}
		};
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		ProblemException problem = toProblem(exchange, ex);
		String requestId = RequestIdFilter.requestId(exchange);
		logProblem(exchange, problem, requestId, ex);

		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.problem().type());
		body.put("title", problem.problem().title());
		body.put("status", problem.problem().status().value());
		body.put("detail", problem.detail());
		body.put("code", problem.problem().code());
		body.put("traceId", requestId);

		STALE_ENTITY_HEADERS.forEach(exchange.getResponse().getHeaders()::remove);
		return ServerResponse.status(problem.problem().status())
			.headers((headers) -> headers.putAll(problem.headers()))
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(body)
			.flatMap((response) -> response.writeTo(exchange, this.context));
	}

	private static ProblemException toProblem(ServerWebExchange exchange, Throwable ex) {
		if (ex instanceof ProblemException problem) {
			return problem;
		}
		if (ex instanceof ErrorResponse response) {
			GatewayProblem problem = GatewayProblem.forStatus(response.getStatusCode())
				.orElse(response.getStatusCode().is4xxClientError() ? GatewayProblem.MALFORMED_REQUEST
						: GatewayProblem.INTERNAL_ERROR);
			ProblemException mapped = new ProblemException(problem, problem.detail(), ex);
			response.getHeaders().forEach((name, values) -> mapped.header(name, String.join(", ", values)));
			return mapped;
		}
		if (causedBy(ex, DataBufferLimitException.class)) {
			return new ProblemException(GatewayProblem.PAYLOAD_TOO_LARGE, GatewayProblem.PAYLOAD_TOO_LARGE.detail(), ex);
		}
		boolean proxied = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) != null;
		if (proxied && (causedBy(ex, ConnectException.class) || causedBy(ex, UnknownHostException.class))) {
			return new ProblemException(GatewayProblem.SERVICE_UNAVAILABLE, GatewayProblem.SERVICE_UNAVAILABLE.detail(),
					ex);
		}
		if (proxied && causedBy(ex, IOException.class)) {
			return new ProblemException(GatewayProblem.BAD_GATEWAY, GatewayProblem.BAD_GATEWAY.detail(), ex);
		}
		return new ProblemException(GatewayProblem.INTERNAL_ERROR, GatewayProblem.INTERNAL_ERROR.detail(), ex);
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return true;
			}
		}
		return false;
	}

	private static void logProblem(ServerWebExchange exchange, ProblemException problem, String requestId,
			Throwable ex) {
		String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
		int status = problem.problem().status().value();
		if (problem.problem() == GatewayProblem.INTERNAL_ERROR) {
			log.error("{} failed [requestId={}]", request, requestId, ex);
		}
		else if (status >= 500) {
			log.warn("{} answered {} [requestId={}]: {}", request, status, requestId, ex.toString());
		}
		else if (log.isDebugEnabled()) {
			log.debug("{} answered {} [requestId={}]: {}", request, status, requestId, ex.toString());
		}
	}

}
