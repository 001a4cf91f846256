package cn.villagecounsel.api.common;

import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;

import reactor.core.publisher.Mono;

/**
 * Turns every error that escapes a handler into problem+json. Ordered before Boot's own error
 * handler, so neither Spring's default JSON nor a stack trace ever reaches a client.
 */
@Component
@Order(-2)
class GlobalErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GlobalErrorHandler.class);

    private final Problems problems;

    GlobalErrorHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (error instanceof ApiProblem problem) {
            return problems.write(exchange, problem);
        }
        if (error instanceof WebExchangeBindException binding) {
            return problems.writeValidation(exchange, fieldErrors(binding));
        }
        if (error instanceof DuplicateKeyException || error instanceof OptimisticLockingFailureException) {
            // A unique index or version check lost a race that the feature did not handle itself.
            return write(exchange, HttpStatus.CONFLICT, "CONFLICT", "数据冲突", "该记录已存在或刚被他人修改，请刷新后重试。");
        }
        if (causedBy(error, DataBufferLimitException.class)) {
            return write(exchange, HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", "请求内容过大",
                    "提交的内容超过了允许的大小。");
        }
        if (error instanceof ServerWebInputException) {
            return write(exchange, HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "请求格式有误",
                    "请求内容无法解析，请检查格式（例如 JSON 是否完整、参数类型是否正确）。");
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            exchange.getResponse().getHeaders().setAllow(notAllowed.getSupportedMethods());
            return write(exchange, HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", "请求方法不被支持",
                    "该地址不支持 " + notAllowed.getHttpMethod() + " 请求。");
        }
        if (error instanceof UnsupportedMediaTypeStatusException) {
            return write(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "内容类型不被支持",
                    "请求的内容类型不被支持，请使用 application/json。");
        }
        if (error instanceof NotAcceptableStatusException) {
            return write(exchange, HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE", "无法提供所需格式",
                    "服务器无法以请求的格式返回内容。");
        }
        if (error instanceof AuthenticationException) {
            return write(exchange, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "未登录", "请先登录。");
        }
        if (error instanceof AccessDeniedException) {
            return write(exchange, HttpStatus.FORBIDDEN, "FORBIDDEN", "无权访问", "您没有执行此操作的权限。");
        }
        if (error instanceof ResponseStatusException status) {
            return byStatus(exchange, HttpStatus.valueOf(status.getStatusCode().value()), error);
        }
        return internal(exchange, error);
    }

    private Mono<Void> byStatus(ServerWebExchange exchange, HttpStatus status, Throwable error) {
        return switch (status) {
            case NOT_FOUND -> write(exchange, status, "NOT_FOUND", "资源不存在", "请求的地址或资源不存在。");
            case CONTENT_TOO_LARGE -> write(exchange, status, "PAYLOAD_TOO_LARGE", "请求内容过大",
                    "提交的内容超过了允许的大小。");
            case BAD_REQUEST -> write(exchange, status, "MALFORMED_REQUEST", "请求格式有误", "请求内容无法解析。");
            default -> status.is5xxServerError() ? internal(exchange, error)
                    : write(exchange, status, "HTTP_" + status.value(), status.getReasonPhrase(), "请求无法处理。");
        };
    }

    private Mono<Void> internal(ServerWebExchange exchange, Throwable error) {
        log.error("Unhandled error on {} {} [traceId={}]", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), RequestIds.of(exchange), error);
        exchange.getResponse().getHeaders().remove(HttpHeaders.ALLOW);
        return write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "服务器内部错误",
                "服务器暂时无法处理您的请求，请稍后重试。如问题持续，请提供请求编号联系管理员。");
    }

    private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String title,
            String detail) {
        return problems.write(exchange, status, code, title, detail, null, null);
    }

    private static List<FieldError> fieldErrors(WebExchangeBindException binding) {
        return binding.getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .collect(Collectors.toList());
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
