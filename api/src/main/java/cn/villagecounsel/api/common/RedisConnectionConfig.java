package cn.villagecounsel.api.common;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Opens Lettuce's shared connection at startup. Left lazy, the first request to touch Redis would
 * connect synchronously on an event-loop thread (BlockHound catches exactly that).
 */
@Configuration(proxyBeanMethods = false)
class RedisConnectionConfig {

    @Bean
    static BeanPostProcessor eagerLettuceConnection() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof LettuceConnectionFactory factory) {
                    factory.setEagerInitialization(true);
                }
                return bean;
            }
        };
    }
}
