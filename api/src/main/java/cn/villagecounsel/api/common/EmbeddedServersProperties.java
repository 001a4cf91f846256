package cn.villagecounsel.api.common;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The servers the api starts itself when {@code MONGODB_URI} / {@code REDIS_URL} are not set.
 *
 * @param dataDir where the embedded run keeps its files (MongoDB data, Redis append-only file)
 * @param mongoStorage FILE keeps data across restarts; MEMORY is for tests
 * @param redisPort fixed so the gateway can share the embedded Redis; 0 picks a free port
 */
@ConfigurationProperties("vc.embedded")
public record EmbeddedServersProperties(
        @DefaultValue("data") Path dataDir,
        @DefaultValue("FILE") Storage mongoStorage,
        @DefaultValue("16379") int redisPort) {

    public enum Storage { FILE, MEMORY }
}
