package cn.villagecounsel.api.common;

import java.util.regex.Pattern;

/** Mainland China phone numbers: checked at the edge, masked whenever shown to somebody else. */
public final class Phones {

    /** A mobile number: 11 digits starting 13–19. */
    public static final String MOBILE = "^1[3-9]\\d{9}$";
    /** A public contact: a mobile number or a landline with area code, e.g. 0934-1234567. */
    public static final String CONTACT = "^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$";

    private static final Pattern MOBILE_PATTERN = Pattern.compile(MOBILE);

    private Phones() {
    }

    public static boolean isMobile(String phone) {
        return phone != null && MOBILE_PATTERN.matcher(phone).matches();
    }

    /** {@code 13912345678} → {@code 139****5678}; anything shorter keeps only its last two digits. */
    public static String mask(String phone) {
        if (phone == null || phone.isEmpty()) {
            return phone;
        }
        if (phone.length() >= 11) {
            return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
        }
        return "*".repeat(Math.max(0, phone.length() - 2)) + phone.substring(Math.max(0, phone.length() - 2));
    }
}
