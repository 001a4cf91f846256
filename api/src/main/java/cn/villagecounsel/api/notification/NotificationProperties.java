package cn.villagecounsel.api.notification;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox dispatcher and its channels ({@code vc.notifications.*}).
 *
 * @param dispatchInterval pause between polls for due messages (a poll that finds a full batch goes on at once)
 * @param batch messages claimed per round at most
 * @param concurrency messages one instance sends at the same time
 * @param lease how long a claimed message is held; a crashed instance's messages return after it
 * @param maxAttempts transient failures before a message is dead
 * @param backoff first retry delay; doubled per attempt, with ±50 % jitter, at most one hour
 * @param rates sends per second per channel across all instances ({@code SUBSCRIPTION: 20}); a channel without an
 *        entry is not limited here (default: subscription messages 20/s, customer-service messages 10/s). A push to many people spreads out instead of running into WeChat's quotas.
 * @param page the mini-program page a subscription message opens; {@code {id}} becomes the notification's id
 * @param templates our template names ({@code booking.confirmed}) mapped to WeChat subscription templates
 * @param retention how long attempts, sandbox sends and finished send-log entries are kept (the inbox is kept)
 */
@ConfigurationProperties("vc.notifications")
record NotificationProperties(
        @DefaultValue("1s") Duration dispatchInterval,
        @DefaultValue("500") int batch,
        @DefaultValue("8") int concurrency,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("10s") Duration backoff,
        Map<String, Double> rates,
        @DefaultValue("pages/notification/detail?id={id}") String page,
        Map<String, SubscriptionTemplate> templates,
        @DefaultValue("P90D") Duration retention) {

    static final Map<String, Double> DEFAULT_RATES = Map.of("SUBSCRIPTION", 20.0, "OFFICIAL_ACCOUNT", 10.0);

    NotificationProperties {
        if (batch < 1 || concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("vc.notifications.batch must be ≥ 1 and concurrency 1-256");
        }
        rates = rates == null ? DEFAULT_RATES : Map.copyOf(rates);
        templates = templates == null ? Map.of() : Map.copyOf(templates);
    }

    /**
     * One WeChat subscription template.
     *
     * @param templateId the template's id in the mini-program console
     * @param longTerm a long-term (长期) template: sending needs no one-time subscription credit
     * @param fields WeChat's field names mapped to values, where {@code {title}}, {@code {body}} and {@code {key}}
     *        (a key of the notification's data) are filled in; e.g. {@code thing1: "{topic}"}
     */
    record SubscriptionTemplate(String templateId, boolean longTerm, Map<String, String> fields) {

        SubscriptionTemplate {
            if (templateId == null || templateId.isBlank()) {
                throw new IllegalArgumentException("vc.notifications.templates.*.template-id must be set");
            }
            fields = fields == null ? Map.of() : fields;
        }
    }
}
