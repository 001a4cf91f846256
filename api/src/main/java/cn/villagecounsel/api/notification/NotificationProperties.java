package cn.villagecounsel.api.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox dispatcher ({@code vc.notifications.*}).
 *
 * @param dispatchInterval pause between polls for due messages
 * @param batch messages claimed per poll at most
 * @param lease how long a claimed message is held; a crashed instance's messages return after it
 * @param maxAttempts transient failures before a message is dead
 * @param backoff first retry delay; doubled per attempt, with ±50 % jitter, at most one hour
 */
@ConfigurationProperties("vc.notifications")
record NotificationProperties(
        @DefaultValue("1s") Duration dispatchInterval,
        @DefaultValue("100") int batch,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("10s") Duration backoff) {
}
