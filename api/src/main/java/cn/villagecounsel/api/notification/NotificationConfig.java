package cn.villagecounsel.api.notification;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfig {

    /** Without a mini-program configured, WeChat's channels are replaced by the sandbox (DESIGN.md §3). */
    @Bean
    @ConditionalOnExpression("'${vc.wechat.mini-app.app-id:}'.isEmpty()")
    Channel sandboxChannel(ReactiveMongoTemplate mongo, Clock clock) {
        return new SandboxChannel(mongo, clock);
    }
}
