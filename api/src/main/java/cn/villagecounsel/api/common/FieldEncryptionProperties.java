package cn.villagecounsel.api.common;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key that encrypts personal data at rest (phones, ID numbers, WeChat session keys).
 *
 * @param key base64 of 32 random bytes (secret, from configuration: {@code FIELD_ENCRYPTION_KEY}); blank → {@code keyFile}
 * @param keyFile where the key is read from, and generated into when {@code generateKey} is on
 * @param generateKey create a key on first start (embedded run only; off under prod)
 */
@ConfigurationProperties("vc.field-encryption")
public record FieldEncryptionProperties(
        String key,
        @DefaultValue("data/field-encryption.key") Path keyFile,
        @DefaultValue("false") boolean generateKey) {

    @Override
    public String toString() {
        return "FieldEncryptionProperties[keyFile=" + keyFile + ", generateKey=" + generateKey + "]";
    }
}
