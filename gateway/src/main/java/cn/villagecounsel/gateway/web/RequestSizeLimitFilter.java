package cn.villagecounsel.gateway.web;

import java.util.concurrent.atomic.AtomicLong;

import cn.villagecounsel.gateway.GatewayProperties;
import cn.villagecounsel.gateway.problem.GatewayProblem;
import cn.villagecounsel.gateway.problem.ProblemException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses bodies over {@code vc.gateway.max-request-size}: at once when {@code Content-Length} says so, and while
 * streaming when a chunked body grows past the limit.
 */
@Component
class RequestSizeLimitFilter implements WebFilter, Ordered {

	private final long maxBytes;

	private final String detail;

	RequestSizeLimitFilter(GatewayProperties properties) {
		this.maxBytes = properties.maxRequestSize().toBytes();
		this.detail = "请求内容超过 " + readable(properties.maxRequestSize()) + " 的上限，请压缩或拆分后重试。";
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		long declared = request.getHeaders().getContentLength();
		if (declared > this.maxBytes) {
			return Mono.error(tooLarge());
		}
		if (declared >= 0) {
			// the server reads exactly Content-Length bytes as the body
			return chain.filter(exchange);
		}
		ServerHttpRequest capped = new ServerHttpRequestDecorator(request) {
			@Override
			public Flux<DataBuffer> getBody() {
				AtomicLong seen = new AtomicLong();
				return super.getBody().handle((buffer, sink) -> {
					if (seen.addAndGet(buffer.readableByteCount()) > RequestSizeLimitFilter.this.maxBytes) {
						DataBufferUtils.release(buffer);
						sink.error(tooLarge());
					}
					else {
						sink.next(buffer);
					}
				});
			}
		};
		return chain.filter(exchange.mutate().request(capped).build());
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 2;
	}

	private ProblemException tooLarge() {
		return new ProblemException(GatewayProblem.PAYLOAD_TOO_LARGE, this.detail);
	}

	private static String readable(DataSize size) {
		if (size.toBytes() >= DataSize.ofMegabytes(1).toBytes() && size.toBytes() % DataSize.ofMegabytes(1).toBytes() == 0) {
			return size.toMegabytes() + " MB";
		}
		if (size.toBytes() >= DataSize.ofKilobytes(1).toBytes() && size.toBytes() % DataSize.ofKilobytes(1).toBytes() == 0) {
			return size.toKilobytes() + " KB";
		}
		return size.toBytes() + " 字节";
	}

}
