package cn.villagecounsel.gateway.problem;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The problems the gateway itself can answer with; codes and titles follow the platform-wide contract.
 */
public enum GatewayProblem {

	MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "请求格式错误", "请求格式不正确，请检查后重试。"),

	NOT_FOUND(HttpStatus.NOT_FOUND, "资源不存在", "请求的地址不存在。"),

	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "请求方法不被允许", "该地址不支持此请求方法。"),

	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "请求内容过大", "请求内容过大，请压缩或拆分后重试。"),

	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "不支持的内容类型", "不支持该请求内容类型。"),

	RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "请求过于频繁", "请求过于频繁，请稍后再试。"),

	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "服务器内部错误", "服务器内部错误，请稍后再试。"),

	BAD_GATEWAY(HttpStatus.BAD_GATEWAY, "网关错误", "后端服务返回了无效响应，请稍后再试。"),

	SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "服务暂不可用", "服务暂时不可用，请稍后再试。"),

	GATEWAY_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "网关超时", "后端服务响应超时，请稍后再试。");

	private static final String TYPE_BASE = "https://villagecounsel.cn/problems/";

	private final HttpStatus status;

	private final String title;

	private final String detail;

	GatewayProblem(HttpStatus status, String title, String detail) {
		this.status = status;
		this.title = title;
		this.detail = detail;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String code() {
		return name();
	}

	public String type() {
		return TYPE_BASE + name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	public String title() {
		return this.title;
	}

	public String detail() {
		return this.detail;
	}

	public ProblemException exception() {
		return new ProblemException(this);
	}

	static Optional<GatewayProblem> forStatus(HttpStatusCode status) {
		return Arrays.stream(values()).filter((problem) -> problem.status.value() == status.value()).findFirst();
	}

}
