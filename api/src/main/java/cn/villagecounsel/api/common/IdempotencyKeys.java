package cn.villagecounsel.api.common;

import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} request header of creating endpoints (bookings, home visits, questions): one rule for
 * all of them, so a client can use the same key generator (a UUID fits) everywhere.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private IdempotencyKeys() {
    }

    public static boolean valid(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /** 400 on the header, with a Chinese message saying what a key looks like. */
    public static ApiProblem invalid() {
        return ApiProblem.invalid(HEADER,
                "请求头 Idempotency-Key 必填：1 到 64 个字母、数字或 _ . : - 组成的唯一编号，每个新请求用一个新编号。");
    }
}
