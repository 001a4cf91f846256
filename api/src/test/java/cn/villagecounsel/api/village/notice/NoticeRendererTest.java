package cn.villagecounsel.api.village.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The printable notice in both formats, read back with ImageIO, ZXing and OpenPDF's own parser. */
class NoticeRendererTest {

    private static final String LINK = "https://example.invalid/mp/pages/village/index?scene=v%3D621025100201";

    private static final Duration RENDER = Duration.ofSeconds(30);

    private final NoticeRenderer renderer = new NoticeRenderer();

    static byte[] qr(String text) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(
                    new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 600, 600), "PNG", png);
            return png.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static NoticeSheet sample() {
        return new NoticeSheet("柳林村", "山河镇", "正宁县",
                List.of(new NoticeSheet.Advisor("李明", "甘肃正宁律师事务所", "16210201910123456", "0934-1234567",
                        "婚姻家庭、土地承包、劳动争议、邻里纠纷等法律咨询，参与人民调解，代写法律文书")),
                List.of(new NoticeSheet.DeskDuty("王芳", "山河镇公共法律服务工作站", "每周一至周五 09:00-12:00")),
                List.of(session(LocalDate.of(2026, 12, 8), "柳林村村委会", "现场", "李明"),
                        session(LocalDate.of(2026, 12, 15), "山河镇公共法律服务工作站", "电话", "王芳")),
                List.of(new NoticeSheet.Member("张建国", "村两委", "13912345678"),
                        new NoticeSheet.Member("刘秀英", "调解员", null),
                        new NoticeSheet.Member("赵卫东", "网格员", "13812345678")),
                qr(LINK));
    }

    private static NoticeSheet.Session session(LocalDate date, String place, String mode, String advisor) {
        return new NoticeSheet.Session(date, LocalTime.of(9, 0), LocalTime.of(12, 0), place, mode, advisor);
    }

    /** Far more than a page holds. */
    static NoticeSheet crowded() {
        List<NoticeSheet.Advisor> advisors = IntStream.rangeClosed(1, 6)
                .mapToObj(i -> new NoticeSheet.Advisor("顾问" + i, "一家名字非常非常非常非常非常非常非常非常非常非常长的律师事务所" + i,
                        "1621020191012345" + i, "0934-123456" + i, "婚姻家庭、土地承包、劳动争议".repeat(10)))
                .toList();
        List<NoticeSheet.Session> sessions = IntStream.range(0, 30)
                .mapToObj(i -> session(LocalDate.of(2026, 12, 1).plusDays(30 - i), "柳林村村委会二楼会议室（村史馆旁边）".repeat(2),
                        "现场", "李明"))
                .toList();
        List<NoticeSheet.Member> team = IntStream.rangeClosed(1, 40)
                .mapToObj(i -> new NoticeSheet.Member("明白人" + i, "村民小组长", "1391234" + String.format("%04d", i)))
                .toList();
        return new NoticeSheet("柳林村".repeat(12), "山河镇", "正宁县", advisors, List.of(), sessions, team, qr(LINK));
    }

    private static String pdfText(byte[] pdf) throws IOException {
        PdfReader reader = new PdfReader(pdf);
        try {
            assertThat(reader.getNumberOfPages()).isEqualTo(1);
            return new PdfTextExtractor(reader).getTextFromPage(1);
        } finally {
            reader.close();
        }
    }

    private static String format(byte[] image) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            return readers.next().getFormatName().toLowerCase();
        }
    }

    private static String decodeQr(BufferedImage image) throws Exception {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    @Test
    void rendersA4PngWithScannableCode() throws Exception {
        byte[] png = renderer.png(sample()).block(RENDER);

        assertThat(format(png)).isEqualTo("png");
        BufferedImage page = ImageIO.read(new ByteArrayInputStream(png));
        // A4 at 150 dpi.
        assertThat(page.getWidth()).isEqualTo(1240);
        assertThat(page.getHeight()).isEqualTo(1754);
        // The QR code printed on the page still scans to the link.
        assertThat(decodeQr(page)).isEqualTo(LINK);
        // The red title is drawn in the title band, and the margins stay blank.
        assertThat(count(page, 0, 80, 1240, 150, rgb -> red(rgb) > 150 && green(rgb) < 80)).isGreaterThan(500);
        assertThat(count(page, 0, 0, 1240, 60, rgb -> (rgb & 0xFFFFFF) != 0xFFFFFF)).isZero();
        assertThat(count(page, 0, 1700, 1240, 54, rgb -> (rgb & 0xFFFFFF) != 0xFFFFFF)).isZero();
    }

    @Test
    void rendersPdfWithSelectableChineseText() throws Exception {
        byte[] pdf = renderer.pdf(sample()).block(RENDER);

        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        PdfReader reader = new PdfReader(pdf);
        try {
            assertThat(reader.getPageSize(1).getWidth()).isCloseTo(595.28f, offset(0.5f));
            assertThat(reader.getPageSize(1).getHeight()).isCloseTo(841.89f, offset(0.5f));
        } finally {
            reader.close();
        }
        String text = pdfText(pdf);
        assertThat(text).contains("柳林村", "村（社区）法律顾问公示", "微信扫码，找村里的法律顾问", "李明", "甘肃正宁律师事务所",
                "0934-1234567", "山河镇公共法律服务工作站", "张建国", "13912345678", "12348");
        // The font travels with the file: a printer without Chinese fonts shows the same text.
        assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).contains("/FontFile2");
    }

    @Test
    void truncatesLongListsWithinThePage() throws Exception {
        NoticeSheet sheet = crowded();
        Font font = CjkFont.find(CjkFont.defaultDirectories()).awt();
        List<NoticeLayout.Op> ops = NoticeLayout.layout(sheet, font);
        List<NoticeLayout.Text> texts = new ArrayList<>();
        ops.stream().filter(NoticeLayout.Text.class::isInstance).map(NoticeLayout.Text.class::cast).forEach(texts::add);

        // Every line stays inside the page, and the body ends above the QR block.
        for (NoticeLayout.Text text : texts) {
            float width = (float) font.deriveFont(text.size()).getStringBounds(text.text(),
                    new FontRenderContext(null, true, true)).getWidth();
            assertThat(text.x()).as(text.text()).isGreaterThanOrEqualTo(40);
            assertThat(text.x() + width).as(text.text()).isLessThanOrEqualTo(NoticeLayout.PAGE_WIDTH - 40);
            if (text.baseline() < NoticeLayout.FOOTER_TOP) {
                assertThat(text.baseline()).as(text.text()).isLessThanOrEqualTo(NoticeLayout.BODY_LIMIT);
            }
        }
        List<String> lines = texts.stream().map(NoticeLayout.Text::text).toList();
        // Some of every section is shown; each list says how much more there is.
        long advisorsShown = lines.stream().filter(line -> line.matches("顾问\\d")).count();
        assertThat(advisorsShown).isBetween(1L, (long) NoticeLayout.MAX_ADVISORS);
        assertThat(lines).contains("…… 另有 " + (6 - advisorsShown) + " 位法律顾问，请扫码查看。");
        long membersShown = lines.stream().filter(line -> line.matches("明白人\\d+")).count();
        assertThat(membersShown).isBetween(2L, (long) NoticeLayout.MAX_TEAM);
        assertThat(lines).contains("…… 另有 " + (40 - membersShown) + " 位法律明白人，请扫码查看。");
        // At most 8 sessions, the earliest first, then a note how many more there are.
        long sessionRows = lines.stream().filter(line -> line.matches("1[12]月\\d+日 周.")).count();
        assertThat(sessionRows).isBetween(1L, (long) NoticeLayout.MAX_SESSIONS);
        assertThat(lines).contains("12月2日 周三").doesNotContain("12月31日 周四");
        assertThat(lines).contains("…… 另有 " + (30 - sessionRows) + " 场近期安排，请扫码查看全部。");
        assertThat(lines).anyMatch(line -> line.startsWith("…… ") && line.contains("扫码查看"));
        assertThat(lines).contains(NoticeLayout.QR_CAPTION, NoticeLayout.TITLE);

        String text = pdfText(renderer.pdf(sheet).block(RENDER));
        assertThat(text).contains("位法律顾问，请扫码查看", "场近期安排", "位法律明白人，请扫码查看", NoticeLayout.QR_CAPTION)
                .doesNotContain("顾问6", "明白人40");
        BufferedImage page = ImageIO.read(new ByteArrayInputStream(renderer.png(sheet).block(RENDER)));
        assertThat(decodeQr(page)).isEqualTo(LINK);
    }

    @Test
    void rendersVillageWithNothingPublishedYet() throws Exception {
        NoticeSheet sheet = new NoticeSheet("新建村", null, null, null, null, null, null, qr(LINK));
        String text = pdfText(renderer.pdf(sheet).block(RENDER));
        assertThat(text).contains("新建村", "本村暂未公示法律顾问", "近期暂无驻村安排").doesNotContain("1+N");
        assertThat(renderer.png(sheet).block(RENDER)).isNotEmpty();
    }

    @Test
    void rejectsQrCodeThatIsNoImage() {
        NoticeSheet sheet = new NoticeSheet("柳林村", "山河镇", "正宁县", null, null, null, null,
                "<html>not an image</html>".getBytes(StandardCharsets.UTF_8));
        StepVerifier.create(renderer.png(sheet)).expectError(IllegalArgumentException.class).verify(RENDER);
        StepVerifier.create(renderer.pdf(sheet)).expectError(IllegalArgumentException.class).verify(RENDER);
        assertThatThrownBy(() -> new NoticeSheet(" ", null, null, null, null, null, null, qr(LINK)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failsClearlyWithoutChineseFont(@TempDir Path fonts) throws IOException {
        // A Latin-only font is found but cannot display the notice.
        Path latin = findLatinFont();
        if (latin != null) {
            Files.copy(latin, fonts.resolve(latin.getFileName()));
        }
        NoticeRenderer withoutCjk = new NoticeRenderer(List.of(fonts), Schedulers.boundedElastic());
        StepVerifier.create(withoutCjk.png(sample()))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(NoticeFontMissingException.class)
                        .hasMessageContaining("fonts-wqy-microhei"))
                .verify(RENDER);
    }

    private static Path findLatinFont() throws IOException {
        Path fonts = Path.of("/usr/share/fonts");
        if (!Files.isDirectory(fonts)) {
            return null;
        }
        try (Stream<Path> files = Files.walk(fonts)) {
            return files.filter(file -> file.getFileName().toString().matches("(DejaVu|Liberation)Sans-\\w+\\.ttf"))
                    .findFirst().orElse(null);
        }
    }

    @Test
    void findsChineseFontByWhatItCanDisplay() {
        CjkFont font = CjkFont.find(CjkFont.defaultDirectories());
        assertThat(font.awt().canDisplayUpTo(CjkFont.SAMPLE)).isEqualTo(-1);
        assertThat(font.awt().getFamily()).doesNotContainIgnoringCase("mono");
        assertThat(font.pdf().charExists('村')).isTrue();
    }

    @Test
    void rendersConcurrently() throws Exception {
        // The PDF font (and its file) is shared by every rendering.
        List<NoticeSheet> sheets = IntStream.range(0, 6)
                .mapToObj(i -> new NoticeSheet("第" + i + "村", "山河镇", "正宁县", sample().advisors(), sample().deskDuty(),
                        sample().sessions(), sample().team(), qr(LINK)))
                .toList();
        List<byte[]> pdfs = Flux.fromIterable(sheets)
                .flatMap(renderer::pdf, 6)
                .collectList()
                .block(RENDER);
        List<String> texts = new ArrayList<>();
        for (byte[] pdf : pdfs) {
            texts.add(pdfText(pdf));
        }
        for (int i = 0; i < sheets.size(); i++) {
            String village = "第" + i + "村";
            assertThat(texts).anyMatch(text -> text.contains(village) && text.contains("甘肃正宁律师事务所"));
        }
    }

    @Test
    void neverRendersOnTheCallersThread() {
        NoticeSheet sheet = sample();
        // BlockHound fails any blocking call on Reactor's non-blocking threads.
        StepVerifier.create(Mono.defer(() -> renderer.png(sheet)).subscribeOn(Schedulers.parallel()))
                .expectNextCount(1).verifyComplete();
        StepVerifier.create(Mono.defer(() -> renderer.pdf(sheet)).subscribeOn(Schedulers.parallel()))
                .expectNextCount(1).verifyComplete();
    }

    private static long count(BufferedImage image, int x, int y, int width, int height,
            IntPredicate test) {
        long count = 0;
        for (int row = y; row < y + height; row++) {
            for (int column = x; column < x + width; column++) {
                if (test.test(image.getRGB(column, row))) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    private static int green(int rgb) {
        return (rgb >> 8) & 0xFF;
    }
}
