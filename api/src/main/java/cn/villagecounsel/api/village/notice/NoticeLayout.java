package cn.villagecounsel.api.village.notice;

import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lays an A4 portrait notice out as drawing operations in PDF points (1/72 inch) from the top-left corner, measured
 * with the notice's font; the PNG and the PDF renderer replay the same operations.
 */
final class NoticeLayout {

    static final float PAGE_WIDTH = 595.28f;

    static final float PAGE_HEIGHT = 841.89f;

    static final int MAX_ADVISORS = 3;

    static final int MAX_DESK_DUTY = 3;

    static final int MAX_SESSIONS = 8;

    static final int MAX_TEAM = 12;

    static final String TITLE = "村（社区）法律顾问公示";

    static final String QR_CAPTION = "微信扫码，找村里的法律顾问";

    static final Color RED = new Color(0xB7, 0x1C, 0x1C);

    static final Color INK = new Color(0x21, 0x21, 0x21);

    static final Color GREY = new Color(0x5F, 0x5F, 0x5F);

    private static final Color HEADER_FILL = new Color(0xFB, 0xEA, 0xEA);

    private static final Color RULE = new Color(0xD0, 0xD0, 0xD0);

    private static final float MARGIN = 45;

    private static final float CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;

    static final float QR_SIZE = 136;

    /** Top of the bottom block (QR code, what scanning offers, hotline). */
    static final float FOOTER_TOP = PAGE_HEIGHT - 36 - QR_SIZE - 34;

    /** Body text must end above this line. */
    static final float BODY_LIMIT = FOOTER_TOP - 10;

    private static final float LINE = 18;

    /** A row of the sessions table. */
    private static final float ROW = 16;

    private static final float TEXT = 12;

    private static final float SMALL = 11;

    private static final FontRenderContext MEASURE = new FontRenderContext(null, true, true);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** Characters that may not start a line in Chinese typesetting. */
    private static final String NO_LINE_START = "，。、；：？！）》」』】〕,.;:?!)%";

    sealed interface Op permits Text, Box, Picture {
    }

    /** Text drawn with its baseline at {@code baseline}. */
    record Text(float x, float baseline, float size, boolean bold, Color color, String text) implements Op {
    }

    /** A filled rectangle. */
    record Box(float x, float y, float width, float height, Color fill) implements Op {
    }

    /** An image scaled into the rectangle. */
    record Picture(float x, float y, float width, float height, byte[] image) implements Op {
    }

    private final Font font;

    private final List<Op> ops = new ArrayList<>();

    private float y;

    /** Height kept free for the sections still to come. */
    private float reserve;

    /** Set once a section no longer fitted: later sections are left out. */
    private boolean full;

    private NoticeLayout(Font font) {
        this.font = font;
    }

    static List<Op> layout(NoticeSheet sheet, Font font) {
        NoticeLayout layout = new NoticeLayout(font);
        // Each section leaves room for the first lines of the sections after it (heading, lines, trailing gap).
        float teamMinimum = sheet.team().isEmpty() ? 0 : LINE + 8 + 2 * LINE + 12;
        float dutyMinimum = LINE + 8 + 3 * LINE + 12;
        layout.header(sheet);
        layout.reserve = dutyMinimum + teamMinimum;
        layout.advisors(sheet.advisors());
        layout.reserve = teamMinimum;
        layout.duty(sheet.deskDuty(), sheet.sessions());
        layout.reserve = 0;
        layout.team(sheet.team());
        layout.footer(sheet.qrPng());
        return List.copyOf(layout.ops);
    }

    float width(String text, float size, boolean bold) {
        return (float) font.deriveFont(bold ? Font.BOLD : Font.PLAIN, size).getStringBounds(text, MEASURE).getWidth();
    }

    private void header(NoticeSheet sheet) {
        y = 40;
        centered(TITLE, 28, true, RED, y + 28);
        y += 28 + 14;
        String place = join(" ", sheet.countyName(), sheet.townshipName(), sheet.villageName());
        centered(fit(place, 16, true, CONTENT_WIDTH), 16, true, INK, y + 16);
        y += 16 + 12;
        ops.add(new Box(MARGIN, y, CONTENT_WIDTH, 2.2f, RED));
        ops.add(new Box(MARGIN, y + 4, CONTENT_WIDTH, 0.8f, RED));
        y += 4.8f + 14;
    }

    private void advisors(List<NoticeSheet.Advisor> advisors) {
        if (!section("法律顾问", 2 * LINE)) {
            return;
        }
        if (advisors.isEmpty()) {
            paragraph("本村暂未公示法律顾问，请联系所在乡镇（街道）司法所。", TEXT, false, INK, MARGIN + 10);
        }
        int shown = 0;
        for (NoticeSheet.Advisor advisor : advisors) {
            boolean contact = !blank(advisor.publicPhone()) || !blank(advisor.licenceNo());
            boolean scope = !blank(advisor.serviceScope());
            float height = LINE + 4 + (contact ? LINE : 0) + (scope ? LINE : 0);
            if (shown == MAX_ADVISORS || !fits(height)) {
                more("另有 " + (advisors.size() - shown) + " 位法律顾问，请扫码查看。");
                break;
            }
            float x = MARGIN + 10;
            String name = fit(advisor.name(), 15, true, CONTENT_WIDTH / 3);
            ops.add(new Text(x, y + 15, 15, true, INK, name));
            if (!blank(advisor.lawFirm())) {
                float after = x + width(name, 15, true) + 12;
                ops.add(new Text(after, y + 15, TEXT, false, GREY, fit(advisor.lawFirm(), TEXT, false,
                        MARGIN + CONTENT_WIDTH - after)));
            }
            y += LINE + 4;
            if (contact) {
                float cursor = x + 4;
                if (!blank(advisor.publicPhone())) {
                    cursor = inline(cursor, "联系电话：", fit(advisor.publicPhone(), 13, true, CONTENT_WIDTH / 3), 13,
                            true) + 24;
                }
                if (!blank(advisor.licenceNo())) {
                    inline(cursor, "执业证号：", fit(advisor.licenceNo(), TEXT, false,
                            MARGIN + CONTENT_WIDTH - cursor - width("执业证号：", TEXT, false)), TEXT, false);
                }
                y += LINE;
            }
            if (scope) {
                // Two lines for a village's only advisor, one each when there are several.
                labelled("服务范围：", advisor.serviceScope(), TEXT, false, x + 4,
                        (advisors.size() == 1 && fits(height + LINE)) ? 2 : 1);
            }
            y += 6;
            shown++;
        }
        y += 4;
    }

    /** "Label: value" on the current line from {@code x}; returns where it ends. */
    private float inline(float x, String label, String value, float size, boolean bold) {
        float labelWidth = width(label, TEXT, false);
        ops.add(new Text(x, y + size + 1, TEXT, false, GREY, label));
        ops.add(new Text(x + labelWidth, y + size + 1, size, bold, INK, value));
        return x + labelWidth + width(value, size, bold);
    }

    private void duty(List<NoticeSheet.DeskDuty> deskDuty, List<NoticeSheet.Session> sessions) {
        if (!section("驻点时间", 3 * LINE)) {
            return;
        }
        float x = MARGIN + 10;
        int shownDesk = 0;
        for (NoticeSheet.DeskDuty duty : deskDuty) {
            if (shownDesk == MAX_DESK_DUTY || !fits(LINE)) {
                more("另有 " + (deskDuty.size() - shownDesk) + " 处坐班，请扫码查看。");
                break;
            }
            String line = join("　", duty.advisorName(), duty.place(), duty.schedule());
            labelled("坐班：", line, TEXT, false, x, fits(2 * LINE) ? 2 : 1);
            shownDesk++;
        }
        if (sessions.isEmpty()) {
            if (fits(LINE)) {
                paragraph("近期暂无驻村安排，可扫码预约，或电话联系法律顾问。", TEXT, false, INK, x);
            }
            y += 8;
            return;
        }
        if (!fits(2 * LINE + 4)) {
            more("另有 " + sessions.size() + " 场近期安排，请扫码查看。");
            return;
        }
        y += 4;
        float[] columns = { 96, 82, 0, 48, 74 };
        columns[2] = CONTENT_WIDTH - 10 - columns[0] - columns[1] - columns[3] - columns[4];
        ops.add(new Box(x, y, CONTENT_WIDTH - 10, LINE, HEADER_FILL));
        row(x, y + 13, columns, new String[] { "日期", "时间", "地点", "方式", "法律顾问" }, true);
        y += LINE;
        int shown = 0;
        for (NoticeSheet.Session session : sessions) {
            if (shown == MAX_SESSIONS || !fits(ROW)) {
                more("另有 " + (sessions.size() - shown) + " 场近期安排，请扫码查看全部。");
                break;
            }
            String date = session.date().getMonthValue() + "月" + session.date().getDayOfMonth() + "日 "
                    + session.date().getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.SIMPLIFIED_CHINESE);
            String time = TIME.format(session.start()) + "-" + TIME.format(session.end());
            row(x, y + 12, columns, new String[] { date, time, dash(session.place()), dash(session.modeLabel()),
                    dash(session.advisorName()) }, false);
            y += ROW;
            ops.add(new Box(x, y - 0.5f, CONTENT_WIDTH - 10, 0.5f, RULE));
            shown++;
        }
        y += 10;
    }

    private void team(List<NoticeSheet.Member> team) {
        if (team.isEmpty() || !section("“1+N”法律明白人", 2 * LINE)) {
            return;
        }
        float x = MARGIN + 10;
        float column = (CONTENT_WIDTH - 10 - 20) / 2;
        int shown = 0;
        for (int i = 0; i < team.size(); i += 2) {
            if (shown >= MAX_TEAM || !fits(LINE)) {
                more("另有 " + (team.size() - shown) + " 位法律明白人，请扫码查看。");
                break;
            }
            for (int c = 0; c < 2 && i + c < team.size() && shown < MAX_TEAM; c++) {
                member(team.get(i + c), x + c * (column + 20), column);
                shown++;
            }
            y += LINE;
        }
    }

    private void member(NoticeSheet.Member member, float x, float column) {
        String phone = blank(member.phone()) ? "" : clean(member.phone());
        float phoneWidth = phone.isEmpty() ? 0 : width(phone, TEXT, false);
        String name = fit(member.name(), TEXT, true, column * 0.4f);
        ops.add(new Text(x, y + 13, TEXT, true, INK, name));
        float after = x + width(name, TEXT, true) + 4;
        if (!blank(member.roleLabel())) {
            String role = fit("（" + clean(member.roleLabel()) + "）", SMALL, false, x + column - phoneWidth - 6 - after);
            ops.add(new Text(after, y + 13, SMALL, false, GREY, role));
        }
        if (!phone.isEmpty()) {
            ops.add(new Text(x + column - phoneWidth, y + 13, TEXT, false, INK, phone));
        }
    }

    private void footer(byte[] qrPng) {
        float top = FOOTER_TOP;
        ops.add(new Box(MARGIN, top, CONTENT_WIDTH, 0.8f, RED));
        float qrX = MARGIN + CONTENT_WIDTH - QR_SIZE;
        ops.add(new Picture(qrX, top + 10, QR_SIZE, QR_SIZE, qrPng));
        float captionWidth = width(QR_CAPTION, 12, true);
        float captionX = Math.min(qrX + (QR_SIZE - captionWidth) / 2, MARGIN + CONTENT_WIDTH - captionWidth);
        ops.add(new Text(captionX, top + 10 + QR_SIZE + 17, 12, true, RED, QR_CAPTION));
        float x = MARGIN;
        float line = top + 32;
        ops.add(new Text(x, line, 14, true, INK, "扫码进入小程序，可以："));
        for (String offer : List.of("· 查看法律顾问、驻点时间和法律明白人", "· 在线咨询法律问题",
                "· 预约当面、电话或视频咨询", "· 申请法律援助，查询办理进度")) {
            line += 21;
            ops.add(new Text(x + 6, line, 12.5f, false, INK, offer));
        }
        line += 32;
        ops.add(new Text(x, line, 14, true, RED, "公共法律服务热线：12348"));
        ops.add(new Text(x, line + 20, SMALL, false, GREY, "法律咨询免费。遇到纠纷，先问法律顾问。"));
    }

    /** A section heading; false (and nothing drawn) if the heading and {@code following} do not fit. */
    private boolean section(String title, float following) {
        if (full || y + LINE + 8 + following > BODY_LIMIT) {
            if (!full) {
                more("更多信息请扫码查看。");
                full = true;
            }
            return false;
        }
        ops.add(new Box(MARGIN, y + 2, 4, 15, RED));
        ops.add(new Text(MARGIN + 10, y + 15, 15, true, INK, title));
        y += LINE + 8;
        return true;
    }

    /** "Label: value" with the value wrapped under itself, at most {@code maxLines} lines (then "…"). */
    private void labelled(String label, String value, float size, boolean bold, float x, int maxLines) {
        float labelWidth = width(label, size, false);
        ops.add(new Text(x, y + size + 1, size, false, GREY, label));
        List<String> lines = wrap(clean(value), size, bold, CONTENT_WIDTH - (x - MARGIN) - labelWidth);
        for (int i = 0; i < lines.size() && i < maxLines; i++) {
            String line = lines.get(i);
            if (i == maxLines - 1 && lines.size() > maxLines) {
                line = fit(line + String.join("", lines.subList(i + 1, lines.size())), size, bold,
                        CONTENT_WIDTH - (x - MARGIN) - labelWidth);
            }
            ops.add(new Text(x + labelWidth, y + size + 1, size, bold, INK, line));
            y += LINE;
        }
    }

    private void paragraph(String text, float size, boolean bold, Color color, float x) {
        for (String line : wrap(text, size, bold, CONTENT_WIDTH - (x - MARGIN))) {
            ops.add(new Text(x, y + size + 1, size, bold, color, line));
            y += LINE;
        }
    }

    /** The "there is more" line; always has room, as {@link #fits} keeps a line free for it. */
    private void more(String text) {
        if (y + LINE <= BODY_LIMIT) {
            ops.add(new Text(MARGIN + 10, y + SMALL + 1, SMALL, false, GREY, "…… " + text));
            y += LINE;
        }
    }

    /** Whether {@code height} fits above the footer with one line left for {@link #more} and the reserve. */
    private boolean fits(float height) {
        return y + height + LINE + reserve <= BODY_LIMIT;
    }

    private void row(float x, float baseline, float[] columns, String[] cells, boolean bold) {
        float cellX = x + 4;
        for (int i = 0; i < cells.length; i++) {
            ops.add(new Text(cellX, baseline, SMALL, bold, bold ? RED : INK, fit(cells[i], SMALL, bold,
                    columns[i] - 8)));
            cellX += columns[i];
        }
    }

    private void centered(String text, float size, boolean bold, Color color, float baseline) {
        ops.add(new Text((PAGE_WIDTH - width(text, size, bold)) / 2, baseline, size, bold, color, text));
    }

    /** Greedy line breaking by character, keeping closing punctuation off the start of a line. */
    List<String> wrap(String text, float size, boolean bold, float maxWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            if (line.length() > 0 && width(line + ch, size, bold) > maxWidth && NO_LINE_START.indexOf(cp) < 0) {
                lines.add(line.toString());
                line.setLength(0);
                if (cp == ' ') {
                    return;
                }
            }
            line.append(ch);
        });
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** The text, cut with "…" where it is wider than {@code maxWidth}. */
    String fit(String text, float size, boolean bold, float maxWidth) {
        String clean = clean(text);
        if (width(clean, size, bold) <= maxWidth) {
            return clean;
        }
        int[] cps = clean.codePoints().toArray();
        for (int n = cps.length - 1; n > 0; n--) {
            String cut = new String(cps, 0, n) + "…";
            if (width(cut, size, bold) <= maxWidth) {
                return cut;
            }
        }
        return "…";
    }

    /** Control characters (line breaks in a service scope, say) become spaces. */
    private static String clean(String text) {
        if (text == null) {
            return "";
        }
        return text.codePoints()
                .map(cp -> Character.isISOControl(cp) ? ' ' : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip()
                .replaceAll(" {2,}", " ");
    }

    private static String join(String separator, String... parts) {
        List<String> present = new ArrayList<>();
        for (String part : parts) {
            if (!blank(part)) {
                present.add(clean(part));
            }
        }
        return String.join(separator, present);
    }

    private static String dash(String text) {
        return blank(text) ? "—" : text;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
