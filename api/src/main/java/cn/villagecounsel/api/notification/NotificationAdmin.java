package cn.villagecounsel.api.notification;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.AuditLog;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.Phones;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.notification.Notification.Status;
import io.swagger.v3.oas.annotations.media.Schema;
import reactor.core.publisher.Mono;

/** What admins see of the outbox: deliveries in their region, dead letters to retry, and channel health. */
@Service
class NotificationAdmin {

    static final int MAX_PAGE = 100;
    /** WeChat's quota and frequency errcodes: counted as throttled rather than failed. */
    private static final List<Integer> THROTTLING = List.of(45009, 45011, 45015, 45047);
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");
    private static final Pattern ID_NUMBER = Pattern.compile("(?<!\\d)\\d{17}[\\dXx](?![\\dXx])");

    private final ReactiveMongoTemplate mongo;
    private final AuditLog audit;
    private final Clock clock;

    NotificationAdmin(ReactiveMongoTemplate mongo, AuditLog audit, Clock clock) {
        this.mongo = mongo;
        this.audit = audit;
        this.clock = clock;
    }

    @Schema(name = "NotificationDelivery", description = "一条通知的投递情况（模板数据中的手机号、身份证号已脱敏）")
    record Delivery(String id, String recipientId, String regionCode, String template, String title,
            Map<String, String> data, Status status, int attempts, String deliveredChannel, Instant createdAt,
            Instant dueAt, Instant nextAttemptAt, Instant deliveredAt, String lastError,
            @Schema(description = "未经首选渠道送达的原因，如“SUBSCRIPTION：用户没有剩余的订阅次数”") String note) {
    }

    @Schema(name = "NotificationDeliveryPage", description = "一页投递记录，最新的在前")
    record Page(List<Delivery> items, String nextCursor) {
    }

    @Schema(name = "ChannelHealth", description = "渠道最近一小时的发送情况")
    record ChannelHealth(String channel, long sent, long failed, long throttled,
            @Schema(description = "渠道无法送达而转给下一渠道的次数（如没有订阅次数）") long skipped) {
    }

    /** The filters of the delivery list; all optional. */
    record Filter(String region, Status status, String channel, String template, String recipientId, Instant from,
            Instant to, String cursor, int limit) {
    }

    Mono<Page> deliveries(CurrentUser admin, Filter filter) {
        if (filter.limit() < 1 || filter.limit() > MAX_PAGE) {
            return Mono.error(ApiProblem.invalid("limit", "每页条数应在 1 到 100 之间。"));
        }
        if (filter.cursor() != null && !ObjectId.isValid(filter.cursor())) {
            return Mono.error(ApiProblem.invalid("cursor", "翻页游标无效。"));
        }
        return admin.regionScope(filter.region(), "region").flatMap(scope -> page(scope, filter));
    }

    private Mono<Page> page(String scope, Filter filter) {
        List<Criteria> all = new ArrayList<>();
        all.add(where("regionCode").regex("^" + RegionCodes.prefixOf(scope)));
        if (filter.status() != null) {
            all.add(where("status").is(filter.status()));
        }
        if (filter.channel() != null) {
            all.add(where("deliveredChannel").is(filter.channel()));
        }
        if (filter.template() != null) {
            all.add(where("template").is(filter.template()));
        }
        if (filter.recipientId() != null) {
            all.add(where("recipientId").is(filter.recipientId()));
        }
        if (filter.from() != null) {
            all.add(where("createdAt").gte(filter.from()));
        }
        if (filter.to() != null) {
            all.add(where("createdAt").lt(filter.to()));
        }
        if (filter.cursor() != null) {
            all.add(where("_id").lt(new ObjectId(filter.cursor())));
        }
        return mongo.find(query(new Criteria().andOperator(all)).with(Sort.by(Sort.Direction.DESC, "_id"))
                        .limit(filter.limit() + 1), Notification.class)
                .collectList()
                .map(found -> {
                    boolean more = found.size() > filter.limit();
                    List<Notification> shown = more ? found.subList(0, filter.limit()) : found;
                    return new Page(shown.stream().map(NotificationAdmin::delivery).toList(),
                            more ? shown.get(shown.size() - 1).id() : null);
                });
    }

    /**
     * Puts a dead letter back in the queue, due now, with a fresh attempt count. An unconfirmed message (a dispatcher
     * stopped while handing it over) is sent again only this way: the admin accepts that it may arrive twice.
     */
    Mono<Delivery> retry(CurrentUser admin, String id) {
        if (!ObjectId.isValid(id)) {
            return Mono.error(ApiProblem.notFound("通知不存在。"));
        }
        return mongo.findById(new ObjectId(id), Notification.class)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("通知不存在。")))
                .filter(notification -> notification.regionCode() != null && admin.mayActIn(notification.regionCode()))
                .switchIfEmpty(Mono.error(() -> ApiProblem.forbidden("该通知不在您的管辖范围内。")))
                .flatMap(notification -> mongo.findAndModify(
                        query(where("_id").is(new ObjectId(id)).and("status").in(Status.DEAD, Status.UNCONFIRMED)),
                        // A new lease version: a dispatcher still holding it cannot overwrite the retry.
                        new Update().set("status", Status.PENDING).set("attempts", 0)
                                .set("nextAttemptAt", clock.instant()).unset("lastError").unset("leaseOwner")
                                .unset("leaseUntil").set("leaseVersion", ThreadLocalRandom.current().nextLong()),
                        FindAndModifyOptions.options().returnNew(true), Notification.class))
                .switchIfEmpty(Mono.error(() -> new ApiProblem(HttpStatus.CONFLICT, "NOT_DEAD_LETTER", "无需重发",
                        "只有投递失败（DEAD）或未能确认送达（UNCONFIRMED）的通知可以重发。")))
                .flatMap(requeued -> mongo.remove(query(where("_id").is(requeued.dedupeKey())
                        .and("state").is(Dispatcher.SENDING)), Dispatcher.SEND_LOG).thenReturn(requeued))
                .flatMap(requeued -> audit.record(admin.id(), "notification.retry", id, "SUCCESS",
                        List.of(requeued.regionCode())).thenReturn(delivery(requeued)));
    }

    /** Per channel in the last hour: attempts that went out, failed, or hit a WeChat quota. */
    Mono<List<ChannelHealth>> health() {
        Instant since = clock.instant().minus(Duration.ofHours(1));
        return mongo.find(query(where("at").gte(since)), Document.class, Dispatcher.ATTEMPTS)
                .collect(LinkedHashMap<String, long[]>::new, (counts, attempt) -> {
                    long[] count = counts.computeIfAbsent(attempt.getString("channel"), channel -> new long[4]);
                    Integer errcode = attempt.getInteger("errcode");
                    if ("DELIVERED".equals(attempt.getString("result"))) {
                        count[0]++;
                    } else if (errcode != null && THROTTLING.contains(errcode)) {
                        count[2]++;
                    } else if ("SKIPPED".equals(attempt.getString("result"))) {
                        count[3]++;
                    } else {
                        count[1]++;
                    }
                })
                .map(counts -> counts.entrySet().stream()
                        .map(entry -> new ChannelHealth(entry.getKey(), entry.getValue()[0], entry.getValue()[1],
                                entry.getValue()[2], entry.getValue()[3]))
                        .toList());
    }

    private static Delivery delivery(Notification notification) {
        Map<String, String> masked = new LinkedHashMap<>();
        if (notification.data() != null) {
            notification.data().forEach((key, value) -> masked.put(key, mask(value)));
        }
        return new Delivery(notification.id(), notification.recipientId(), notification.regionCode(),
                notification.template(), notification.title(), masked, notification.status(), notification.attempts(),
                notification.deliveredChannel(), notification.createdAt(), notification.dueAt(),
                notification.nextAttemptAt(), notification.deliveredAt(), notification.lastError(), notification.note());
    }

    /** Phone and ID-card numbers inside template data are shown masked to staff. */
    static String mask(String value) {
        if (value == null) {
            return null;
        }
        String masked = ID_NUMBER.matcher(value).replaceAll(match -> match.group().substring(0, 6) + "********"
                + match.group().substring(14));
        return MOBILE.matcher(masked).replaceAll(match -> Phones.mask(match.group()));
    }
}
