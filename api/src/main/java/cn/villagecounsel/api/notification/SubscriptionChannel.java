package cn.villagecounsel.api.notification;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.villagecounsel.api.account.User;
import cn.villagecounsel.api.account.UserRepository;
import cn.villagecounsel.api.notification.NotificationProperties.SubscriptionTemplate;
import cn.villagecounsel.wechat.SubscriptionMessage;
import cn.villagecounsel.wechat.SubscriptionMessages;
import cn.villagecounsel.wechat.WechatException;
import cn.villagecounsel.wechat.WechatRateLimitedException;
import cn.villagecounsel.wechat.WechatRecipientUnreachableException;
import cn.villagecounsel.wechat.WechatRejectedException;
import reactor.core.publisher.Mono;

/**
 * Mini-program subscription messages. A one-time template needs one credit per send — one accept the mini-program
 * reported — spent before the send and given back when WeChat did not take the message; long-term templates need
 * none. Without a credit nothing goes to WeChat and the next channel (or the inbox) gets the message.
 */
class SubscriptionChannel implements Channel {

    static final String NAME = "SUBSCRIPTION";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");

    private final SubscriptionMessages messages;
    private final SubscriptionCredits credits;
    private final UserRepository users;
    private final SendRates rates;
    private final NotificationProperties properties;

    SubscriptionChannel(SubscriptionMessages messages, SubscriptionCredits credits, UserRepository users,
            SendRates rates, NotificationProperties properties) {
        this.messages = messages;
        this.credits = credits;
        this.users = users;
        this.rates = rates;
        this.properties = properties;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Mono<Outcome> send(Notification notification, Mono<Void> handOver) {
        SubscriptionTemplate template = properties.templates().get(notification.template());
        if (template == null) {
            return Mono.just(Outcome.skipped(null, "该类消息没有配置订阅消息模板"));
        }
        return rates.paused(NAME).flatMap(paused -> paused
                ? Mono.just(Outcome.skipped(45009, "订阅消息今日发送额度已用完，明日恢复"))
                : users.findById(notification.recipientId())
                        .filter(user -> user.openid() != null)
                        .flatMap(user -> withCredit(notification, template, user, handOver))
                        .defaultIfEmpty(Outcome.skipped(null, "收件人没有使用小程序")));
    }

    private Mono<Outcome> withCredit(Notification notification, SubscriptionTemplate template, User user,
            Mono<Void> handOver) {
        Mono<Boolean> credit = template.longTerm() ? Mono.just(true) : credits.spend(user.id(), template.templateId());
        return credit.flatMap(granted -> granted
                ? send(notification, template, user, handOver)
                : Mono.just(Outcome.skipped(null, "用户没有剩余的订阅次数（需在小程序中再次同意接收）")));
    }

    private Mono<Outcome> send(Notification notification, SubscriptionTemplate template, User user,
            Mono<Void> handOver) {
        SubscriptionMessage message = new SubscriptionMessage(user.openid(), template.templateId(),
                properties.page().replace("{id}", notification.id()), fields(template, notification));
        Mono<Void> refund = template.longTerm() ? Mono.empty() : credits.refund(user.id(), template.templateId());
        return rates.pace(NAME)
                // Not handed over (another holder got there first): the credit was not used.
                .then(handOver.onErrorResume(error -> refund.then(Mono.error(error))))
                .then(messages.send(message))
                .thenReturn(Outcome.delivered())
                .onErrorResume(WechatException.class, failure -> failed(notification, template, user, failure));
    }

    private Mono<Outcome> failed(Notification notification, SubscriptionTemplate template, User user,
            WechatException failure) {
        Integer errcode = Outcome.errcodeOf(failure);
        if (failure instanceof WechatRecipientUnreachableException) {
            // WeChat knows better than our count: nothing is left.
            return (template.longTerm() ? Mono.<Void>empty() : credits.exhausted(user.id(), template.templateId()))
                    .thenReturn(Outcome.skipped(errcode, "微信提示用户已没有订阅次数"));
        }
        Mono<Void> refund = template.longTerm() ? Mono.empty() : credits.refund(user.id(), template.templateId());
        if (failure instanceof WechatRateLimitedException) {
            return refund.then(rates.pauseForToday(NAME))
                    .thenReturn(Outcome.skipped(errcode, "订阅消息今日发送额度已用完，明日恢复"));
        }
        if (failure instanceof WechatRejectedException && Integer.valueOf(40003).equals(errcode)) {
            return refund.thenReturn(Outcome.skipped(errcode, "微信不认识该用户的 openid"));
        }
        if (failure instanceof WechatRejectedException) {
            // A template or page that does not exist: a configuration error staff must see.
            return refund.thenReturn(Outcome.permanentFailure(errcode, "微信拒收：" + describe(errcode)));
        }
        return refund.thenReturn(Outcome.transientFailure(errcode, "微信暂时不可用（" + failure.errcodeOrReason() + "）"));
    }

    private static String describe(Integer errcode) {
        if (errcode == null) {
            return "未知原因";
        }
        return switch (errcode) {
            case 40037 -> "订阅消息模板编号无效";
            case 47003 -> "模板数据不符合要求";
            case 41030 -> "跳转的小程序页面不存在";
            default -> "错误码 " + errcode;
        };
    }

    /** The template's fields, filled from the notification and cut to the lengths WeChat accepts. */
    static Map<String, String> fields(SubscriptionTemplate template, Notification notification) {
        Map<String, String> values = new LinkedHashMap<>(notification.data() == null ? Map.of() : notification.data());
        values.put("title", notification.title());
        values.put("body", notification.body() == null ? "" : notification.body());
        Map<String, String> fields = new LinkedHashMap<>();
        template.fields().forEach((field, pattern) -> {
            Matcher placeholder = PLACEHOLDER.matcher(pattern);
            String value = placeholder.replaceAll(match -> Matcher.quoteReplacement(
                    values.getOrDefault(match.group(1), "")));
            fields.put(field, cut(field, value));
        });
        return fields;
    }

    /** WeChat refuses (47003) values over a field type's length: thing 20, name 10, phrase 5, strings 32. */
    private static String cut(String field, String value) {
        int max = field.startsWith("thing") ? 20
                : field.startsWith("name") ? 10
                : field.startsWith("phrase") ? 5
                : field.startsWith("character_string") || field.startsWith("letter") ? 32
                : Integer.MAX_VALUE;
        if (value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max - 1)) + "…";
    }
}
