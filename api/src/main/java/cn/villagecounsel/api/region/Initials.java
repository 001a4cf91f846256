package cn.villagecounsel.api.region;

import java.util.Locale;

import net.sourceforge.pinyin4j.PinyinHelper;

/**
 * Pinyin initials of a place name (柳林村 → {@code llc}), so a resident can find a village by typing a few
 * letters. A character with several readings (多音字) counts with its first; letters and digits are kept.
 * pinyin4j reads its table from the jar on first use: {@link RegionInitialsBackfill} makes that first use
 * happen while the context starts, on the main thread, not on an event loop.
 */
final class Initials {

    private Initials() {
    }

    static String of(String name) {
        StringBuilder initials = new StringBuilder(name.length());
        name.codePoints().forEach(codePoint -> {
            String[] readings = Character.isBmpCodePoint(codePoint)
                    ? PinyinHelper.toHanyuPinyinStringArray((char) codePoint) : null;
            if (readings != null && readings.length > 0 && !readings[0].isEmpty()) {
                initials.append(readings[0].charAt(0));
            } else if (Character.isLetterOrDigit(codePoint) && codePoint < 128) {
                initials.appendCodePoint(Character.toLowerCase(codePoint));
            }
        });
        return initials.toString().toLowerCase(Locale.ROOT);
    }
}
