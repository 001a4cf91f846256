package cn.villagecounsel.api.officialaccount;

import java.time.Clock;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import cn.villagecounsel.api.notification.OfficialAccountContacts;
import cn.villagecounsel.api.question.QuestionIntake;
import cn.villagecounsel.wechat.OfficialAccountCallbacks;
import cn.villagecounsel.wechat.OfficialAccountUsers;
import cn.villagecounsel.wechat.WechatProperties;

/**
 * The callback exists only with an Official Account token (the same condition as the wechat module's
 * {@link OfficialAccountCallbacks}); without one {@code /wx/mp} answers 404.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(OfficialAccountConfig.CALLBACKS_CONFIGURED)
class OfficialAccountConfig {

    static final String CALLBACKS_CONFIGURED = "!'${vc.wechat.official-account.token:}'.isBlank()";

    @Bean
    PendingMessages pendingMessages(ReactiveMongoTemplate mongo, Clock clock) {
        return new PendingMessages(mongo, clock);
    }

    @Bean
    OfficialAccountInbox officialAccountInbox(OfficialAccountContacts contacts,
            ObjectProvider<OfficialAccountUsers> users, PendingMessages pending, QuestionIntake intake,
            ReactiveMongoTemplate mongo, ReactiveStringRedisTemplate redis, WechatProperties wechat) {
        return new OfficialAccountInbox(contacts, Optional.ofNullable(users.getIfAvailable()), pending, intake, mongo,
                redis, wechat.miniApp().configured() ? wechat.miniApp().appId() : null);
    }
}
