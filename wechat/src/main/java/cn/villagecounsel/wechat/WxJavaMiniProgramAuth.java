package cn.villagecounsel.wechat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.bean.WxMaJscode2SessionResult;
import com.google.gson.JsonParseException;
import me.chanjar.weixin.common.error.WxErrorException;
import org.apache.http.client.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * The blocking boundary around WxJava's mini-program service: every call runs on the bounded {@code wechat}
 * scheduler with a timeout, Reactor retries transient failures, and WeChat's errcodes become our exceptions.
 */
final class WxJavaMiniProgramAuth implements MiniProgramAuth {

	private static final Logger log = LoggerFactory.getLogger(WxJavaMiniProgramAuth.class);

	// wx.login codes are short URL-safe tokens, and WxJava puts the code into the query string unencoded.
	private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

	private static final int SYSTEM_BUSY = -1;

	private final WxMaService service;

	private final Scheduler scheduler;

	private final Duration timeout;

	private final Retry retry;

	WxJavaMiniProgramAuth(WxMaService service, Scheduler scheduler, WechatProperties properties) {
		this.service = service;
		this.scheduler = scheduler;
		this.timeout = properties.timeout();
		this.retry = Retry.backoff(properties.maxRetries(), properties.retryBackoff())
			.filter(WxJavaMiniProgramAuth::isTransient)
			.onRetryExhaustedThrow((spec, signal) -> signal.failure());
	}

	@Override
	public Mono<WechatSession> code2Session(String code) {
		if (code == null || !CODE.matcher(code).matches()) {
			return Mono.error(new WechatCodeInvalidException("malformed code"));
		}
		return call("code2session", () -> session(service.jsCode2SessionInfo(code)));
	}

	@Override
	public boolean sandbox() {
		return false;
	}

	private static WechatSession session(WxMaJscode2SessionResult result) {
		if (result == null || isBlank(result.getOpenid()) || isBlank(result.getSessionKey())) {
			throw new WechatUnavailableException("malformed response");
		}
		return new WechatSession(result.getOpenid(), isBlank(result.getUnionid()) ? null : result.getUnionid(),
				result.getSessionKey(), null);
	}

	private <T> Mono<T> call(String api, Callable<T> blocking) {
		return Mono.defer(() -> attempt(api, blocking))
			.timeout(timeout)
			.retryWhen(retry)
			.onErrorMap(ex -> !(ex instanceof WechatException), WxJavaMiniProgramAuth::translate)
			.doOnError(WechatUnavailableException.class, ex -> log.warn("WeChat {} failed: {}{}", api,
					ex.getMessage(), (ex.getCause() != null) ? ", cause: " + ex.getCause() : ""));
	}

	/**
	 * One attempt on the wechat scheduler. A timed-out attempt keeps running until its socket times out; its late
	 * failure is expected, so it is logged here instead of reaching Reactor's onErrorDropped (an ERROR with a stack).
	 */
	private <T> Mono<T> attempt(String api, Callable<T> blocking) {
		AtomicBoolean cancelled = new AtomicBoolean();
		return Mono.fromCallable(blocking)
			.subscribeOn(scheduler)
			.onErrorResume(ex -> cancelled.get(), ex -> {
				log.debug("WeChat {} failed after it was abandoned: {}", api, ex.toString());
				return Mono.empty();
			})
			.doOnCancel(() -> cancelled.set(true));
	}

	private static boolean isTransient(Throwable ex) {
		if (ex instanceof WxErrorException wx) {
			return wx.getError().getErrorCode() == SYSTEM_BUSY;
		}
		IOException io = ioCause(ex);
		// An HTTP 4xx will not change on retry; 5xx and network errors may.
		return io != null && !(io instanceof HttpResponseException http && http.getStatusCode() < 500);
	}

	private static IOException ioCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException io) {
				return io;
			}
		}
		return null;
	}

	private static WechatException translate(Throwable ex) {
		if (ex instanceof WxErrorException wx) {
			String errcode = String.valueOf(wx.getError().getErrorCode());
			return switch (wx.getError().getErrorCode()) {
				// invalid code, code already used, login blocked as high-risk
				case 40029, 40163, 40226 -> new WechatCodeInvalidException(errcode);
				case 45011 -> new WechatRateLimitedException(errcode);
				default -> new WechatUnavailableException(errcode, ex);
			};
		}
		if (ex instanceof TimeoutException) {
			return new WechatUnavailableException("timeout", ex);
		}
		if (ex instanceof RejectedExecutionException) {
			return new WechatUnavailableException("overloaded", ex);
		}
		if (ex instanceof JsonParseException) {
			return new WechatUnavailableException("malformed response", ex);
		}
		if (ioCause(ex) != null) {
			return new WechatUnavailableException("I/O error", ex);
		}
		return new WechatUnavailableException(ex.getClass().getSimpleName(), ex);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
