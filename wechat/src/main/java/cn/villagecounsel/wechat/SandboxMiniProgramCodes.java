package cn.villagecounsel.wechat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Development stand-in for mini-program codes: an ordinary QR code of an https link that names the same page and
 * scene, so that printed notices look right and the link can be checked by scanning.
 */
final class SandboxMiniProgramCodes implements MiniProgramCodes {

	// As wide as the codes WxJavaMiniProgramCodes asks WeChat for.
	static final int SIZE = WxJavaMiniProgramCodes.WIDTH;

	private static final Map<EncodeHintType, Object> HINTS = Map.of(EncodeHintType.CHARACTER_SET, "UTF-8",
			EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2);

	private final String linkBase;

	/**
	 * @param linkBase the start of every link, ending with "/" ({@link WechatProperties#sandboxLinkBase()})
	 */
	SandboxMiniProgramCodes(String linkBase) {
		this.linkBase = linkBase;
	}

	@Override
	public Mono<byte[]> unlimitedCode(String scene, String page) {
		return Mono.fromCallable(() -> qrCode(link(CodeArguments.scene(scene), CodeArguments.page(page))))
			// Image encoding is CPU work, and ImageIO's first use scans the class path.
			.subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * The link a sandbox code encodes.
	 */
	String link(String scene, String page) {
		return linkBase + ((page != null) ? page : "") + "?scene=" + URLEncoder.encode(scene, StandardCharsets.UTF_8);
	}

	private static byte[] qrCode(String link) throws WriterException {
		BitMatrix matrix = new QRCodeWriter().encode(link, BarcodeFormat.QR_CODE, SIZE, SIZE, HINTS);
		return Images.png(MatrixToImageWriter.toBufferedImage(matrix));
	}

}
