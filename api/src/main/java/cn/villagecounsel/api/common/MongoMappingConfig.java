package cn.villagecounsel.api.common;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/**
 * Dates are stored the same way whatever the server's time zone: Spring Data's own {@code LocalDate}
 * conversion uses the JVM's default zone, so moving a server to another zone would shift every stored
 * agreement date by a day. The driver's java.time codecs store a {@code LocalDate} as UTC midnight.
 */
@Configuration(proxyBeanMethods = false)
class MongoMappingConfig {

    @Bean
    MongoCustomConversions mongoCustomConversions() {
        return MongoCustomConversions.create(conversions -> conversions.useNativeDriverJavaTimeCodecs());
    }
}
