package cn.villagecounsel.api.common;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random identifiers and secrets from one DRBG. Unlike {@code UUID.randomUUID()} (NativePRNG), a
 * seeded DRBG generates in memory, so it never reads {@code /dev/urandom} on an event-loop thread.
 */
public final class RandomIds {

    private static final SecureRandom RANDOM = drbg();

    private RandomIds() {
    }

    /** 128 random bits as 32 hex digits: request ids, token ids, family ids. */
    public static String id() {
        return HexFormat.of().formatHex(bytes(16));
    }

    /** 256 random bits, URL-safe: bearer secrets such as refresh tokens. */
    public static String secret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    }

    private static final String READABLE = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /** A code people read aloud or type from paper: no 0/O, 1/I/L look-alikes (about 5 bits a character). */
    public static String readable(int length) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(READABLE.charAt(RANDOM.nextInt(READABLE.length())));
        }
        return code.toString();
    }

    /** Raw random bytes, e.g. a cipher's nonce. */
    public static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static SecureRandom drbg() {
        try {
            SecureRandom random = SecureRandom.getInstance("DRBG");
            random.nextBytes(new byte[1]); // seeds now; RequestIds loads this class at startup
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No DRBG SecureRandom in this JVM", e);
        }
    }
}
