package cn.villagecounsel.api.common;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * 12-digit statistical division codes (统计用区划代码): 2 digits province, 2 city, 2 county,
 * 3 township, 3 village. A region covers every code that shares its significant prefix, so
 * scope checks need no database look-up.
 */
public final class RegionCodes {

    private static final Pattern CODE = Pattern.compile("\\d{12}");

    private RegionCodes() {
    }

    public static boolean isValid(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    public static RegionLevel levelOf(String code) {
        if (code.endsWith("0000000000")) {
            return RegionLevel.PROVINCE;
        }
        if (code.endsWith("00000000")) {
            return RegionLevel.CITY;
        }
        if (code.endsWith("000000")) {
            return RegionLevel.COUNTY;
        }
        if (code.endsWith("000")) {
            return RegionLevel.TOWNSHIP;
        }
        return RegionLevel.VILLAGE;
    }

    /** The code of the region directly above {@code code}; null for a province. */
    public static String parentOf(String code) {
        RegionLevel level = levelOf(code);
        if (level == RegionLevel.PROVINCE) {
            return null;
        }
        int digits = RegionLevel.values()[level.ordinal() - 1].significantDigits();
        return code.substring(0, digits) + "0".repeat(12 - digits);
    }

    /** The digits that every region inside {@code code} starts with. */
    public static String prefixOf(String code) {
        return code.substring(0, levelOf(code).significantDigits());
    }

    public static boolean covers(String scope, String code) {
        return isValid(scope) && isValid(code) && code.startsWith(prefixOf(scope));
    }

    public static boolean anyCovers(Collection<String> scopes, String code) {
        return scopes.stream().anyMatch(scope -> covers(scope, code));
    }
}
