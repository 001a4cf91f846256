package cn.villagecounsel.api.common;

import java.time.Duration;

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

    public ApiProblem(HttpStatus status, String code, String title, String detail) {
        this(status, code, title, detail, null);
    }

    public ApiProblem(HttpStatus status, String code, String title, String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.retryAfter = retryAfter;
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

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "NOT_FOUND", "资源不存在", detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "FORBIDDEN", "无权访问", detail);
    }
}
