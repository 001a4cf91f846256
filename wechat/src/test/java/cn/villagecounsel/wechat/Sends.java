package cn.villagecounsel.wechat;

import java.time.Duration;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of the three senders share: WeChat's error answer, and the check of a failed send.
 */
final class Sends {

	private Sends() {
	}

	/** WeChat's answer with an errcode, as every send API documents it. */
	static ResponseDefinitionBuilder errcode(int errcode) {
		return okJson("{\"errcode\":" + errcode + ",\"errmsg\":\"test\"}");
	}

	/** The send fails with {@code type} and {@code errcodeOrReason} within five seconds. */
	static void expectFailure(Mono<Void> send, Class<? extends Exception> type, String errcodeOrReason) {
		StepVerifier.create(send)
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(type)
				.extracting("errcodeOrReason")
				.isEqualTo(errcodeOrReason))
			.verify(Duration.ofSeconds(5));
	}

}
