package cn.villagecounsel.api.common;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Encrypts single fields of personal data before they are stored (AES-256-GCM, a fresh 96-bit nonce per
 * value). Stored form: {@code v1.<base64url(nonce | ciphertext | tag)>}; the version prefix leaves room for
 * key rotation. A value that was tampered with, or encrypted under another key, fails to decrypt.
 */
@Component
public class FieldCipher {

    private static final String VERSION = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecretKey fingerprintKey;

    FieldCipher(FieldEncryptionProperties properties) {
        String encoded = KeyFiles.configuredOrFile(properties.key(), properties.keyFile(), properties.generateKey(),
                () -> Base64.getEncoder().encodeToString(RandomIds.bytes(32)),
                "field encryption key (vc.field-encryption.key, FIELD_ENCRYPTION_KEY)").strip();
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The field encryption key must be base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("The field encryption key must be 32 bytes (AES-256), not " + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, "AES");
        this.fingerprintKey = deriveFingerprintKey(bytes);
    }

    private static SecretKey deriveFingerprintKey(byte[] keyBytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyBytes, "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal("vc-fingerprint-v1".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    public String encrypt(String plaintext) {
        byte[] nonce = RandomIds.bytes(NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * A keyed fingerprint (HMAC-SHA256 under a key derived from the encryption key) of a value that must be
     * matched without being stored in clear, such as a phone number that identifies a person: equal values
     * give equal fingerprints, and nobody without the key can test a guess.
     */
    public String fingerprint(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(fingerprintKey);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 failed", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null || !stored.startsWith(VERSION)) {
            throw new IllegalArgumentException("Not a value encrypted by FieldCipher");
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(stored.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Encrypted value is corrupt or from another key", e);
        }
    }
}
