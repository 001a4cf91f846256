package cn.villagecounsel.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Framework internals that BlockHound may tolerate, each a short lock or a cached look-up rather than
 * waiting on I/O: Spring's static-resource resolver checking a web-jar entry (Swagger UI), Hibernate
 * Validator's metadata-cache segment lock when a type is first validated, Jackson 3's
 * lock while it first builds a deserializer, and the MongoDB driver's short internal locks
 * ({@code Locks.withLock}: connection-pool queue, stream read state), taken on the driver's Netty threads.
 * The driver's interruptible locks, used where it really waits, stay forbidden (but for its cluster clock's
 * compare-and-assign), as do all others; Netty's buffer allocator and WebTestClient's multipart boundary seed
 * Lettuce's writer lock and Spring Data's mapping-metadata lock are the remaining short sections (see ADR 6). Our own code gets no allowances.
 */
public class FrameworkBlockingAllowances implements BlockHoundIntegration {

    private static final Logger log = LoggerFactory.getLogger(FrameworkBlockingAllowances.class);

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("org.springframework.web.reactive.resource.PathResourceResolver", "getResource");
        builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
                "_createAndCacheValueDeserializer");
        builder.allowBlockingCallsInside("com.mongodb.internal.Locks", "checkedWithLock");
        // The driver advances its cluster clock under an interruptible lock held for a comparison and an
        // assignment; concurrent replies (duty materialisation, concurrency tests) meet there.
        builder.allowBlockingCallsInside("com.mongodb.internal.connection.ClusterClock", "advance");
        builder.allowBlockingCallsInside("org.hibernate.validator.internal.util.ConcurrentReferenceHashMap$Segment",
                "put");
        // Spring Data builds an entity's mapping metadata once, under the mapping context's read/write lock: the
        // first documents of a type read at the same moment on two threads (the dispatcher and a request) meet there.
        builder.allowBlockingCallsInside("org.springframework.data.mapping.context.AbstractMappingContext",
                "getPersistentEntity");
        builder.allowBlockingCallsInside("org.springframework.data.mapping.context.AbstractMappingContext",
                "addPersistentEntity");
        // Lettuce serialises writers to one shared connection with a short ReentrantLock (SharedLock); two threads
        // writing at once (the dispatcher's rate script and a request) meet there (lettuce#2510).
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
        // Spring Data Redis hands out its one shared reactive connection under a ReentrantLock: once the connection
        // exists (the api connects at start-up), a null check and a return; two requests asking at once meet there.
        builder.allowBlockingCallsInside("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
                "getSharedReactiveConnection");
        // Netty's adaptive buffer allocator takes a short StampedLock when it grows its magazines.
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
        // WebTestClient's multipart writer seeds a SecureRandom for the boundary on first use (client side only).
        builder.allowBlockingCallsInside("org.springframework.util.MimeTypeUtils", "generateMultipartBoundary");
        // A library that swallows the error would otherwise leave only a hang to debug: log where it happened.
        builder.blockingMethodCallback(method -> {
            BlockingOperationError error = new BlockingOperationError(method);
            log.error("Blocking call on a non-blocking thread", error);
            throw error;
        });
    }
}
