package cn.villagecounsel.api.village.notice;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;


import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.lowagie.text.BadElementException;
import com.lowagie.text.Document;
import com.lowagie.text.Image;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;

import cn.villagecounsel.wechat.Images;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Renders a village's printable notice (公示栏) as an A4 portrait PNG (150 dpi) or a one-page PDF with embedded,
 * selectable text. Both draw the same {@link NoticeLayout}. Rendering is CPU work and the first use reads font
 * files, so it runs on {@link Schedulers#boundedElastic()}, never on the caller's thread.
 * <p>
 * Fails with {@link NoticeFontMissingException} when the machine has no Chinese font, and with
 * {@link IllegalArgumentException} when the sheet's QR code is not an image.
 */
@Component
public class NoticeRenderer {

    /** PNG resolution: 1240 × 1754 pixels for A4. */
    static final int DPI = 150;

    private static final float SCALE = DPI / 72f;

    private final List<Path> fontDirectories;

    private final Scheduler scheduler;

    private volatile CjkFont font;

    @Autowired
    public NoticeRenderer() {
        this(CjkFont.defaultDirectories(), Schedulers.boundedElastic());
    }

    NoticeRenderer(List<Path> fontDirectories, Scheduler scheduler) {
        this.fontDirectories = List.copyOf(fontDirectories);
        this.scheduler = scheduler;
    }

    /** The notice as a PNG, A4 portrait at 150 dpi. */
    public Mono<byte[]> png(NoticeSheet sheet) {
        return render(sheet, this::png);
    }

    /** The notice as a one-page A4 PDF with the font embedded (text can be selected and searched). */
    public Mono<byte[]> pdf(NoticeSheet sheet) {
        return render(sheet, this::pdf);
    }

    private Mono<byte[]> render(NoticeSheet sheet, Backend backend) {
        return Mono.fromCallable(() -> {
            CjkFont cjk = font();
            byte[] qr = sheet.qrPng();
            if (Images.read(qr) == null) {
                throw new IllegalArgumentException("the notice's QR code is not a PNG or JPEG image");
            }
            return backend.draw(NoticeLayout.layout(sheet, cjk.awt()), cjk);
        }).subscribeOn(scheduler);
    }

    private CjkFont font() {
        CjkFont found = font;
        if (found == null) {
            synchronized (this) {
                found = font;
                if (found == null) {
                    found = CjkFont.find(fontDirectories);
                    font = found;
                }
            }
        }
        return found;
    }

    private interface Backend {

        byte[] draw(List<NoticeLayout.Op> ops, CjkFont font) throws Exception;
    }

    private byte[] png(List<NoticeLayout.Op> ops, CjkFont font) {
        int width = Math.round(NoticeLayout.PAGE_WIDTH * SCALE);
        int height = Math.round(NoticeLayout.PAGE_HEIGHT * SCALE);
        BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.scale(SCALE, SCALE);
            for (NoticeLayout.Op op : ops) {
                if (op instanceof NoticeLayout.Text text) {
                    g.setFont(font.awt().deriveFont(text.bold() ? Font.BOLD : Font.PLAIN, text.size()));
                    g.setColor(text.color());
                    g.drawString(text.text(), text.x(), text.baseline());
                } else if (op instanceof NoticeLayout.Box box) {
                    g.setColor(box.fill());
                    g.fill(new Rectangle2D.Float(box.x(), box.y(), box.width(), box.height()));
                } else if (op instanceof NoticeLayout.Picture picture) {
                    BufferedImage image = Images.read(picture.image());
                    g.drawImage(image, Math.round(picture.x()), Math.round(picture.y()), Math.round(picture.width()),
                            Math.round(picture.height()), null);
                }
            }
        } finally {
            g.dispose();
        }
        return Images.png(page);
    }

    private byte[] pdf(List<NoticeLayout.Op> ops, CjkFont font) throws BadElementException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        float pageHeight = NoticeLayout.PAGE_HEIGHT;
        Document document = new Document(new Rectangle(NoticeLayout.PAGE_WIDTH, pageHeight), 0, 0, 0, 0);
        PdfWriter writer = PdfWriter.getInstance(document, bytes);
        document.addTitle(NoticeLayout.TITLE);
        document.addCreator("村居法律顾问服务平台");
        document.open();
        try {
            PdfContentByte canvas = writer.getDirectContent();
            for (NoticeLayout.Op op : ops) {
                if (op instanceof NoticeLayout.Text text) {
                    canvas.beginText();
                    canvas.setFontAndSize(font.pdf(), text.size());
                    canvas.setColorFill(text.color());
                    if (text.bold()) {
                        // The font has no bold face: fill and stroke the glyphs, as Java2D's synthetic bold does.
                        canvas.setTextRenderingMode(PdfContentByte.TEXT_RENDER_MODE_FILL_STROKE);
                        canvas.setLineWidth(text.size() * 0.03f);
                        canvas.setColorStroke(text.color());
                    } else {
                        canvas.setTextRenderingMode(PdfContentByte.TEXT_RENDER_MODE_FILL);
                    }
                    canvas.setTextMatrix(text.x(), pageHeight - text.baseline());
                    canvas.showText(text.text());
                    canvas.endText();
                } else if (op instanceof NoticeLayout.Box box) {
                    canvas.setColorFill(box.fill());
                    canvas.rectangle(box.x(), pageHeight - box.y() - box.height(), box.width(), box.height());
                    canvas.fill();
                } else if (op instanceof NoticeLayout.Picture picture) {
                    Image image = Image.getInstance(picture.image());
                    image.scaleAbsolute(picture.width(), picture.height());
                    image.setAbsolutePosition(picture.x(), pageHeight - picture.y() - picture.height());
                    canvas.addImage(image);
                }
            }
        } finally {
            document.close();
        }
        return bytes.toByteArray();
    }
}
