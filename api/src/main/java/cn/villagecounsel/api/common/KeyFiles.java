package cn.villagecounsel.api.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets for the embedded run: read from a file under the data directory, or generated into it once
 * (owner-only permissions) so they survive restarts. Under prod nothing is generated: secrets come from
 * configuration.
 */
public final class KeyFiles {

    private static final Logger log = LoggerFactory.getLogger(KeyFiles.class);

    private KeyFiles() {
    }

    /**
     * @param configured the secret from configuration; wins when not blank
     * @param what names the secret and its configuration property in the error message
     */
    public static String configuredOrFile(String configured, Path file, boolean generate, Supplier<String> generator,
            String what) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII);
            }
            if (!generate) {
                throw new IllegalStateException("No " + what + " (none is generated under the prod profile): "
                        + "configure it or provide " + file.toAbsolutePath());
            }
            String secret = generator.get();
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, "secret", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system; the data directory's own permissions apply.
            }
            Files.writeString(temp, secret, StandardCharsets.US_ASCII);
            Files.move(temp, file);
            log.info("Generated a new {} at {}", what, file.toAbsolutePath());
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file.toAbsolutePath(), e);
        }
    }
}
