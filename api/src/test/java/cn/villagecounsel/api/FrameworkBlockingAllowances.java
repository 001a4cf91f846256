package cn.villagecounsel.api;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Framework internals that BlockHound may tolerate: Spring's static-resource resolver checking that
 * a class-path file (Swagger UI's web jar) is readable, and Jackson 3's short lock while it builds
 * and caches a deserializer the first time a type is read. Our own code gets no allowances.
 */
public class FrameworkBlockingAllowances implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("org.springframework.web.reactive.resource.PathResourceResolver", "getResource");
        builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
                "_createAndCacheValueDeserializer");
    }
}
