package cn.villagecounsel.gateway;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves BlockHound watches this module's tests, so blocking on a non-blocking thread fails them. */
class BlockingGuardTest {

	@Test
	void waitingOnANonBlockingThreadFails() {
		Mono<Boolean> waiting = Mono.fromCallable(() -> new CountDownLatch(1).await(1, TimeUnit.MILLISECONDS))
			.subscribeOn(Schedulers.parallel());

		StepVerifier.create(waiting)
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BlockingOperationError.class))
			.verify(Duration.ofSeconds(5));
	}

}
