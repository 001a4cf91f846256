package cn.villagecounsel.gateway.problem;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Ends a request with one of the gateway's own problems; {@link ProblemExceptionHandler} writes it.
 */
public class ProblemException extends RuntimeException {

	private final GatewayProblem problem;

	private final String detail;

	private final HttpHeaders headers = new HttpHeaders();

	public ProblemException(GatewayProblem problem) {
		this(problem, problem.detail(), null);
	}

	public ProblemException(GatewayProblem problem, String detail) {
		this(problem, detail, null);
	}

	public ProblemException(GatewayProblem problem, String detail, @Nullable Throwable cause) {
		super(problem.code() + ": " + detail, cause, false, false);
		this.problem = problem;
		this.detail = detail;
	}

	/** Adds a response header, such as {@code Retry-After} or {@code Allow}. */
	public ProblemException header(String name, String value) {
		this.headers.set(name, value);
		return this;
	}

	public GatewayProblem problem() {
		return this.problem;
	}

	public String detail() {
		return this.detail;
	}

	public HttpHeaders headers() {
		return this.headers;
	}

}
