package cn.villagecounsel.api.village.notice;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.lowagie.text.pdf.BaseFont;

/**
 * A font that can display the notice's Chinese, usable by both Java2D and OpenPDF: found by family and
 * {@link Font#canDisplayUpTo}, among the font files of the usual font directories (OpenPDF needs the file to embed).
 *
 * @param awt the font for Java2D (size 1; derive sizes)
 * @param pdf the same font for OpenPDF, embedded as a subset
 * @param file the font file
 * @param index the font's index in a collection (.ttc), else 0
 */
record CjkFont(Font awt, BaseFont pdf, Path file, int index) {

    private static final Logger log = LoggerFactory.getLogger(CjkFont.class);

    /** Characters every notice uses; a font must have all of them. */
    static final String SAMPLE = "村（社区）法律顾问公示微信扫码，找村里的法律顾问：驻点时间执业证号联系电话服务范围"
            + "“1+N”法律明白人团队另有场人日月周一二三四五六0123456789ABCDEFabcdef-…—·";

    /** Sans-serif families first: a notice is read from a distance. */
    private static final List<String> PREFERRED = List.of("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC",
            "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC",
            "SimHei", "Droid Sans Fallback");

    private static final int MAX_DEPTH = 6;

    /** Where Linux (fontconfig), the JDK, macOS and Windows keep fonts. */
    static List<Path> defaultDirectories() {
        List<Path> dirs = new ArrayList<>();
        String home = System.getProperty("user.home");
        dirs.add(Path.of("/usr/share/fonts"));
        dirs.add(Path.of("/usr/local/share/fonts"));
        if (home != null) {
            dirs.add(Path.of(home, ".local", "share", "fonts"));
            dirs.add(Path.of(home, ".fonts"));
        }
        dirs.add(Path.of(System.getProperty("java.home"), "lib", "fonts"));
        dirs.add(Path.of("/Library/Fonts"));
        dirs.add(Path.of("/System/Library/Fonts"));
        String windows = System.getenv("WINDIR");
        if (windows != null) {
            dirs.add(Path.of(windows, "Fonts"));
        }
        return dirs;
    }

    /**
     * Finds the best CJK font (blocking: reads font files).
     *
     * @throws NoticeFontMissingException if none of the directories holds one OpenPDF can embed
     */
    static CjkFont find(List<Path> directories) {
        List<Candidate> candidates = new ArrayList<>();
        for (Path dir : directories) {
            for (Path file : fontFiles(dir)) {
                candidates.addAll(candidates(file));
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::rank).thenComparing(c -> c.file().toString())
                .thenComparingInt(Candidate::index));
        for (Candidate candidate : candidates) {
            try {
                // IDENTITY_H: any Unicode text; OpenPDF caches the parsed font by name.
                BaseFont pdf = BaseFont.createFont(candidate.file() + ((candidate.collection()) ? "," + candidate.index()
                        : ""), BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
                log.info("Notice font: {} ({}, index {})", candidate.font().getFamily(Locale.ROOT), candidate.file(),
                        candidate.index());
                return new CjkFont(candidate.font(), pdf, candidate.file(), candidate.index());
            } catch (IOException | RuntimeException ex) {
                log.debug("OpenPDF cannot embed {} ({}): {}", candidate.font().getFamily(Locale.ROOT), candidate.file(),
                        ex.toString());
            }
        }
        throw new NoticeFontMissingException("No font that can display Chinese (and that OpenPDF can embed) in "
                + directories + ": install one, e.g. apt-get install fonts-wqy-microhei");
    }

    private static List<Path> fontFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir, MAX_DEPTH, FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(CjkFont::isFontFile).sorted().toList();
        } catch (IOException | RuntimeException ex) {
            log.debug("Cannot list fonts in {}: {}", dir, ex.toString());
            return List.of();
        }
    }

    private static boolean isFontFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return (name.endsWith(".ttf") || name.endsWith(".ttc") || name.endsWith(".otf")) && Files.isRegularFile(file);
    }

    private static List<Candidate> candidates(Path file) {
        Font[] fonts;
        try {
            fonts = Font.createFonts(file.toFile());
        } catch (FontFormatException | IOException | RuntimeException ex) {
            return List.of();
        }
        boolean collection = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc");
        List<Candidate> candidates = new ArrayList<>();
        for (int index = 0; index < fonts.length; index++) {
            Font font = fonts[index];
            if (font.canDisplayUpTo(SAMPLE) == -1) {
                candidates.add(new Candidate(font, file, index, collection, rank(font)));
            }
        }
        return candidates;
    }

    /** Preferred families in order, then any other; monospaced, serif and styled variants last. */
    private static int rank(Font font) {
        String family = font.getFamily(Locale.ROOT);
        int preferred = PREFERRED.indexOf(family);
        int rank = (preferred >= 0) ? preferred : PREFERRED.size();
        String name = (family + " " + font.getFontName(Locale.ROOT)).toLowerCase(Locale.ROOT);
        if (name.contains("mono") || name.contains("bold") || name.contains("italic") || name.contains("light")) {
            rank += 100;
        }
        return rank;
    }

    private record Candidate(Font font, Path file, int index, boolean collection, int rank) {
    }
}
