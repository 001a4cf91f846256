package cn.villagecounsel.api.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.mongodb.ConnectionString;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import redis.embedded.RedisServer;

/**
 * The embedded default: with no {@code MONGODB_URI} an in-process MongoDB-wire-protocol server,
 * with no {@code REDIS_URL} a real redis-server process. Each is handed to Boot as connection
 * details, so the rest of the app talks the same drivers to them as to real servers.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedServersConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServersConfig.class);
    private static final String LOOPBACK = "127.0.0.1";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${MONGODB_URI:}'.isEmpty()")
    static class EmbeddedMongo {

        @Bean(destroyMethod = "shutdown")
        MongoServer embeddedMongoServer(EmbeddedServersProperties properties, Environment environment) {
            refuseInProduction(environment, "MONGODB_URI");
            MongoBackend backend = switch (properties.mongoStorage()) {
                case MEMORY -> new MemoryBackend();
                case FILE -> new H2Backend(createDirectories(properties.dataDir()).resolve("mongo.mv").toString());
            };
            MongoServer server = new MongoServer(backend);
            InetSocketAddress address = server.bind();
            log.info("Embedded MongoDB-protocol server ({}) on {}:{}", properties.mongoStorage(),
                    address.getHostString(), address.getPort());
            return server;
        }

        @Bean
        MongoConnectionDetails embeddedMongoConnectionDetails(MongoServer server,
                @Value("${spring.mongodb.database}") String database) {
            InetSocketAddress address = server.getLocalAddress();
            ConnectionString connection = new ConnectionString(
                    "mongodb://" + LOOPBACK + ":" + address.getPort() + "/" + database);
            return () -> connection;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${REDIS_URL:}'.isEmpty()")
    static class EmbeddedRedis {

        @Bean(destroyMethod = "stop")
        RedisServer embeddedRedisServer(EmbeddedServersProperties properties, Environment environment)
                throws IOException {
            refuseInProduction(environment, "REDIS_URL");
            int port = properties.redisPort() == 0 ? freePort() : properties.redisPort();
            Path dir = createDirectories(properties.dataDir().resolve("redis"));
            RedisServer server = RedisServer.newRedisServer()
                    .bind(LOOPBACK)
                    .port(port)
                    .setting("dir " + dir.toAbsolutePath())
                    .setting("appendonly " + (properties.mongoStorage() == EmbeddedServersProperties.Storage.FILE
                            ? "yes" : "no"))
                    .setting("save \"\"")
                    .build();
            server.start();
            log.info("Embedded redis-server on {}:{}", LOOPBACK, port);
            return server;
        }

        @Bean
        DataRedisConnectionDetails embeddedRedisConnectionDetails(RedisServer server) {
            int port = server.ports().get(0);
            return new DataRedisConnectionDetails() {
                @Override
                public Standalone getStandalone() {
                    return Standalone.of(LOOPBACK, port);
                }
            };
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }

    /** Production data must live on real servers; an embedded fallback there would silently lose it. */
    private static void refuseInProduction(Environment environment, String variable) {
        if (environment.matchesProfiles("prod")) {
            throw new IllegalStateException(variable + " must be set under the prod profile; "
                    + "embedded servers are for development and tests only");
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + dir.toAbsolutePath(), e);
        }
    }
}
