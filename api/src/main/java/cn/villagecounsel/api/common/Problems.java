package cn.villagecounsel.api.common;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes problem+json responses. Used by the global error handler and by the security entry
 * points, whose errors never reach a controller.
 */
@Component
public class Problems {

    public static final String TYPE_BASE = "https://villagecounsel.cn/problems/";

    private final JsonMapper jsonMapper;

    public Problems(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public Mono<Void> write(ServerWebExchange exchange, ApiProblem problem) {
        return write(exchange, problem.status(), problem.code(), problem.title(), problem.detail(), problem.errors(),
                problem.retryAfter());
    }

    public Mono<Void> writeValidation(ServerWebExchange exchange, List<FieldError> errors) {
        return write(exchange, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "请求参数有误",
                "提交的内容有误，请按提示修改后重试。", errors, null);
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String title,
            String detail, List<FieldError> errors, Duration retryAfter) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        Problem body = new Problem(typeOf(code), title, status.value(), detail,
                exchange.getRequest().getPath().value(), code, RequestIds.of(exchange), errors);
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setCacheControl("no-store");
        if (retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        byte[] bytes = jsonMapper.writeValueAsBytes(body);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    public static String typeOf(String code) {
        return TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
