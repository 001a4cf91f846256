package cn.villagecounsel.api.notification;

import java.nio.charset.StandardCharsets;
import java.util.List;

import cn.villagecounsel.wechat.GroupRobots;

/** The markdown a robot posts: one message as it is, several as one digest, always within WeCom's 4096 bytes. */
final class RobotDigest {

    private static final int BODY_IN_DIGEST = 200;

    private RobotDigest() {
    }

    /**
     * Composes the markdown for as many of {@code batch} as fit, in order, and adds those to {@code included}; the
     * first is always included (its text cut if it is too long alone).
     */
    static String compose(List<Notification> batch, List<Notification> included) {
        if (batch.size() == 1) {
            included.add(batch.get(0));
            return cut("**" + batch.get(0).title() + "**\n" + nullToEmpty(batch.get(0).body()));
        }
        StringBuilder digest = new StringBuilder();
        for (Notification notification : batch) {
            String body = nullToEmpty(notification.body());
            String item = "\n> **" + notification.title() + "**\n> "
                    + (body.length() > BODY_IN_DIGEST ? body.substring(0, BODY_IN_DIGEST) + "…" : body).replace("\n",
                            "\n> ")
                    + "\n";
            String header = "**" + (included.size() + 1) + " 条新消息**\n";
            if (!included.isEmpty() && bytes(header) + bytes(digest.toString()) + bytes(item)
                    > GroupRobots.MAX_MARKDOWN_BYTES) {
                break;
            }
            digest.append(item);
            included.add(notification);
        }
        return cut("**" + included.size() + " 条新消息**\n" + digest);
    }

    private static String cut(String markdown) {
        if (bytes(markdown) <= GroupRobots.MAX_MARKDOWN_BYTES) {
            return markdown;
        }
        StringBuilder fitting = new StringBuilder();
        int used = bytes("…");
        for (int offset = 0; offset < markdown.length(); ) {
            int codePoint = markdown.codePointAt(offset);
            int size = bytes(new String(Character.toChars(codePoint)));
            if (used + size > GroupRobots.MAX_MARKDOWN_BYTES) {
                break;
            }
            fitting.appendCodePoint(codePoint);
            used += size;
            offset += Character.charCount(codePoint);
        }
        return fitting.append('…').toString();
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
