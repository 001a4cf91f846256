package cn.villagecounsel.wechat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

import com.google.gson.JsonParseException;
import me.chanjar.weixin.common.error.WxError;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.error.WxRuntimeException;
import org.apache.http.client.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * The blocking boundary around WxJava: every call runs on the bounded {@code wechat} scheduler with a timeout,
 * Reactor retries transient failures, and WeChat's errcodes become our exceptions.
 */
final class WechatCalls {

	private static final Logger log = LoggerFactory.getLogger(WechatCalls.class);

	private static final int SYSTEM_BUSY = -1;

	// WxJava's Official Account service reports errcode -1 (once its own retries, which are off, are used up) as an
	// unchecked exception with this message, where the mini-program service throws the WxErrorException.
	private static final String OFFICIAL_ACCOUNT_BUSY = "微信服务端异常，超出重试次数";

	private final Scheduler scheduler;

	private final Duration timeout;

	private final Retry retry;

	WechatCalls(Scheduler scheduler, WechatProperties properties) {
		this.scheduler = scheduler;
		this.timeout = properties.timeout();
		this.retry = Retry.backoff(properties.maxRetries(), properties.retryBackoff())
			.filter(WechatCalls::isTransient)
			.onRetryExhaustedThrow((spec, signal) -> signal.failure());
	}

	/**
	 * Runs a blocking WxJava call.
	 * @param api the API's name for logs
	 * @param blocking the call; it may throw {@link WechatException}s itself (never retried)
	 * @param errcodes the exception for an errcode of this API, or null for {@link WechatUnavailableException}
	 */
	<T> Mono<T> call(String api, Callable<T> blocking, IntFunction<WechatException> errcodes) {
		return translated(api, Mono.defer(() -> attempt(api, blocking)).timeout(timeout).retryWhen(retry), errcodes);
	}

	/**
	 * Runs a blocking WxJava call that sends something, without retrying: a send that failed on the way back (a
	 * timeout, a reset connection) may have reached the person, so whether to send again is the caller's decision.
	 */
	<T> Mono<T> callOnce(String api, Callable<T> blocking, IntFunction<WechatException> errcodes) {
		return translated(api, Mono.defer(() -> attempt(api, blocking)).timeout(timeout), errcodes);
	}

	private <T> Mono<T> translated(String api, Mono<T> call, IntFunction<WechatException> errcodes) {
		return call.onErrorMap(ex -> !(ex instanceof WechatException), ex -> translate(ex, errcodes))
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
			.onErrorMap(WechatCalls::busyAsErrcode)
			.subscribeOn(scheduler)
			.onErrorResume(ex -> cancelled.get(), ex -> {
				log.debug("WeChat {} failed after it was abandoned: {}", api, ex.toString());
				return Mono.empty();
			})
			.doOnCancel(() -> cancelled.set(true));
	}

	private static Throwable busyAsErrcode(Throwable ex) {
		if (ex instanceof WxRuntimeException && ex.getCause() == null && OFFICIAL_ACCOUNT_BUSY.equals(ex.getMessage())) {
			return new WxErrorException(WxError.builder().errorCode(SYSTEM_BUSY).errorMsg("system error").build());
		}
		return ex;
	}

	private static boolean isTransient(Throwable ex) {
		if (ex instanceof WxErrorException wx && !localFailure(ex)) {
			return wx.getError().getErrorCode() == SYSTEM_BUSY;
		}
		IOException io = ioCause(ex);
		// An HTTP 4xx will not change on retry; 5xx and network errors may.
		return io != null && !(io instanceof HttpResponseException http && http.getStatusCode() < 500);
	}

	private static boolean localFailure(Throwable ex) {
		return ioCause(ex) != null || jsonCause(ex);
	}

	private static boolean jsonCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JsonParseException) {
				return true;
			}
		}
		return false;
	}

	private static IOException ioCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException io) {
				return io;
			}
		}
		return null;
	}

	private static WechatException translate(Throwable ex, IntFunction<WechatException> errcodes) {
		// WxJava also reports I/O failures and unreadable answers as WxErrorExceptions, with the cause attached.
		if (ex instanceof WxErrorException wx && !localFailure(ex)) {
			WechatException specific = errcodes.apply(wx.getError().getErrorCode());
			return (specific != null) ? specific
					: new WechatUnavailableException(String.valueOf(wx.getError().getErrorCode()), ex);
		}
		if (ex instanceof TimeoutException) {
			return new WechatUnavailableException("timeout", ex);
		}
		if (ex instanceof RejectedExecutionException) {
			return new WechatUnavailableException("overloaded", ex);
		}
		if (jsonCause(ex)) {
			return new WechatUnavailableException("malformed response", ex);
		}
		if (ioCause(ex) != null) {
			return new WechatUnavailableException("I/O error", ex);
		}
		return new WechatUnavailableException(ex.getClass().getSimpleName(), ex);
	}

}
