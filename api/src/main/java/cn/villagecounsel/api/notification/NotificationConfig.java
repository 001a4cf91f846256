package cn.villagecounsel.api.notification;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import cn.villagecounsel.api.account.UserRepository;
import cn.villagecounsel.wechat.GroupRobots;
import cn.villagecounsel.wechat.MiniProgramAuth;
import cn.villagecounsel.wechat.OfficialAccountMessages;
import cn.villagecounsel.wechat.SubscriptionMessages;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfig {

    /**
     * A person is tried by subscription message, then by Official Account message; what neither takes stays in the
     * inbox. Without WeChat credentials everything goes to the sandbox and nothing leaves the machine (DESIGN.md §3).
     */
    @Bean
    Channels channels(MiniProgramAuth miniProgram, ReactiveMongoTemplate mongo, Clock clock,
            ObjectProvider<SubscriptionMessages> subscriptions, ObjectProvider<OfficialAccountMessages> officialAccount,
            ObjectProvider<GroupRobots> robots, SubscriptionCredits credits, OfficialAccountContacts contacts,
            UserRepository users, SendRates rates, NotificationProperties properties) {
        if (miniProgram.sandbox()) {
            return new Channels(List.of(new SandboxChannel(mongo, clock)), null);
        }
        List<Channel> forPeople = new ArrayList<>();
        subscriptions.ifAvailable(messages -> forPeople.add(
                new SubscriptionChannel(messages, credits, users, rates, properties)));
        officialAccount.ifAvailable(messages -> forPeople.add(new OfficialAccountChannel(messages, contacts, rates)));
        return new Channels(List.copyOf(forPeople), robots.getIfAvailable());
    }
}
