package cn.villagecounsel.api.common;

import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A problem a client can act on, rendered as RFC 9457 problem+json. Features declare nouns
 * ({@code InvalidCredentials}, {@code SlotFull}) that extend this, so the mapping lives with the
 * exception rather than in a central if-ladder.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String title;
    private final Duration retryAfter;
    private final List<FieldError> errors;

    public ApiProblem(HttpStatus status, String code, String title, String detail) {
        this(status, code, title, detail, (Duration) null);
    }

    public ApiProblem(HttpStatus status, String code, String title, String detail, Duration retryAfter) {
        this(status, code, title, detail, retryAfter, null);
    }

    public ApiProblem(HttpStatus status, String code, String title, String detail, List<FieldError> errors) {
        this(status, code, title, detail, null, errors);
    }

    private ApiProblem(HttpStatus status, String code, String title, String detail, Duration retryAfter,
            List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.retryAfter = retryAfter;
        this.errors = errors == null ? null : List.copyOf(errors);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** When set, sent as {@code Retry-After} in whole seconds. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Field errors, when the problem is about particular inputs; null otherwise. */
    public List<FieldError> errors() {
        return errors;
    }

    /** 400 VALIDATION_FAILED for one input, for checks that annotations cannot express. */
    public static ApiProblem invalid(String field, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "请求参数有误", message,
                List.of(new FieldError(field, message)));
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "NOT_FOUND", "资源不存在", detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "FORBIDDEN", "无权访问", detail);
    }
}
