package cn.villagecounsel.api.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldCipherTest {

    private static FieldCipher withKey(byte fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, fill);
        return new FieldCipher(new FieldEncryptionProperties(Base64.getEncoder().encodeToString(key), null, false));
    }

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        FieldCipher cipher = withKey((byte) 1);

        String first = cipher.encrypt("13812345678");
        String second = cipher.encrypt("13812345678");

        assertThat(first).startsWith("v1.").doesNotContain("13812345678").isNotEqualTo(second);
        assertThat(cipher.decrypt(first)).isEqualTo("13812345678");
        assertThat(cipher.decrypt(cipher.encrypt("张三 110101199003074514"))).isEqualTo("张三 110101199003074514");
    }

    @Test
    void rejectsTamperedValuesAndValuesFromAnotherKey() {
        FieldCipher cipher = withKey((byte) 1);
        String stored = cipher.encrypt("13812345678");
        char last = stored.charAt(stored.length() - 1);
        String tampered = stored.substring(0, stored.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThatIllegalArgumentException().isThrownBy(() -> cipher.decrypt(tampered));
        assertThatIllegalArgumentException().isThrownBy(() -> withKey((byte) 2).decrypt(stored));
        assertThatIllegalArgumentException().isThrownBy(() -> cipher.decrypt("13812345678"));
    }

    @Test
    void generatesAKeyOnceAndReusesIt(@TempDir Path dir) {
        Path file = dir.resolve("field.key");
        FieldCipher first = new FieldCipher(new FieldEncryptionProperties(null, file, true));
        FieldCipher second = new FieldCipher(new FieldEncryptionProperties(null, file, false));

        assertThat(second.decrypt(first.encrypt("secret"))).isEqualTo("secret");
    }

    @Test
    void refusesToRunWithoutAKeyWhenGenerationIsOff(@TempDir Path dir) {
        assertThatIllegalStateException()
                .isThrownBy(() -> new FieldCipher(new FieldEncryptionProperties(null, dir.resolve("none.key"), false)))
                .withMessageContaining("prod");
        assertThatIllegalStateException()
                .isThrownBy(() -> new FieldCipher(new FieldEncryptionProperties("c2hvcnQ=", null, false)))
                .withMessageContaining("32 bytes");
    }
}
