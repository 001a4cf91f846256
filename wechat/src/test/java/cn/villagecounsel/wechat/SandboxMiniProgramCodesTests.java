package cn.villagecounsel.wechat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sandbox mini-program codes: ordinary QR codes of an equivalent link, read back with ZXing.
 */
class SandboxMiniProgramCodesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WechatAutoConfiguration.class));

	static String decode(byte[] png) throws Exception {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
		return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
	}

	private static BufferedImage read(byte[] png) throws IOException {
		return ImageIO.read(new ByteArrayInputStream(png));
	}

	@Test
	void encodesLinkToPageAndScene() {
		runner.run(context -> {
			byte[] png = context.getBean(MiniProgramCodes.class)
				.unlimitedCode("v=621025100201", "pages/village/index")
				.block(Duration.ofSeconds(10));
			assertThat(Images.isPng(png)).isTrue();
			BufferedImage image = read(png);
			assertThat(image.getWidth()).isEqualTo(600);
			assertThat(image.getHeight()).isEqualTo(600);
			assertThat(decode(png)).isEqualTo("https://example.invalid/mp/pages/village/index?scene=v%3D621025100201");
		});
	}

	@Test
	void usesConfiguredLinkBaseAndHomePage() {
		runner.withPropertyValues("vc.wechat.sandbox-link-base=http://localhost:8080/dev/mp").run(context -> {
			MiniProgramCodes codes = context.getBean(MiniProgramCodes.class);
			assertThat(decode(codes.unlimitedCode("a&b/c", null).block(Duration.ofSeconds(10))))
				.isEqualTo("http://localhost:8080/dev/mp/?scene=a%26b%2Fc");
			assertThat(decode(codes.unlimitedCode("x", "pages/index/index").block(Duration.ofSeconds(10))))
				.isEqualTo("http://localhost:8080/dev/mp/pages/index/index?scene=x");
		});
	}

	@Test
	void rejectsMalformedSceneOrPageAsWechatWould() {
		runner.run(context -> {
			MiniProgramCodes codes = context.getBean(MiniProgramCodes.class);
			StepVerifier.create(codes.unlimitedCode("a".repeat(33), null)).expectError(IllegalArgumentException.class)
				.verify();
			StepVerifier.create(codes.unlimitedCode("村", null)).expectError(IllegalArgumentException.class).verify();
			StepVerifier.create(codes.unlimitedCode("a", "/pages/index")).expectError(IllegalArgumentException.class)
				.verify();
		});
	}

	@Test
	void rejectsLinkBaseThatIsNoUrl() {
		runner.withPropertyValues("vc.wechat.sandbox-link-base=ftp://example.invalid/")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("vc.wechat.sandbox-link-base"));
	}

	@Test
	void refusesProdProfileEvenWhenSignInIsProvidedElsewhere() {
		runner.withPropertyValues("spring.profiles.active=prod")
			.withBean(MiniProgramAuth.class, SandboxMiniProgramAuth::new)
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("sandbox mode must not run under the 'prod' profile"));
	}

	@Test
	void neverBlocksCallerThread() {
		runner.run(context -> {
			MiniProgramCodes codes = context.getBean(MiniProgramCodes.class);
			// BlockHound fails any blocking call on Reactor's non-blocking threads.
			StepVerifier.create(Mono.defer(() -> codes.unlimitedCode("v=1", "pages/index/index"))
				.subscribeOn(Schedulers.parallel())).expectNextCount(1).expectComplete().verify(Duration.ofSeconds(10));
		});
	}

}
