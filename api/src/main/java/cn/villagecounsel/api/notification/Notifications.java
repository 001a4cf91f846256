package cn.villagecounsel.api.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.bson.types.ObjectId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.notification.NotificationView.Item;
import cn.villagecounsel.api.notification.NotificationView.Page;
import reactor.core.publisher.Mono;

/** Enqueues notifications for every feature, and serves each person's in-app inbox. */
@Service
public class Notifications {

    static final int MAX_PAGE = 50;

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    Notifications(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Stores the notification unless its dedupe key is already known, in which case the earlier one is the
     * answer: enqueuing is safe to repeat, so a feature may enqueue right after its own state change and
     * again from a retry.
     */
    public Mono<Notification> enqueue(NewNotification request) {
        if (isBlank(request.recipientId()) || isBlank(request.template()) || isBlank(request.title())
                || isBlank(request.dedupeKey())) {
            return Mono.error(new IllegalArgumentException("recipientId, template, title and dedupeKey are required"));
        }
        Instant now = clock.instant();
        Instant due = request.dueAt() == null ? now : request.dueAt();
        Notification notification = new Notification(new ObjectId().toHexString(), request.recipientId(),
                request.template(), request.title(), request.body(),
                request.data() == null ? Map.of() : Map.copyOf(request.data()), request.dedupeKey(),
                request.regionCode(), now, due, null, Notification.Status.PENDING, 0, due, null, null, 0L, null, null, null, null);
        return mongo.insert(notification)
                .onErrorResume(DuplicateKeyException.class, duplicate -> mongo.findOne(
                        Query.query(Criteria.where("dedupeKey").is(request.dedupeKey())), Notification.class));
    }

    /**
     * Takes back a notification that has not been sent, such as the reminder of a cancelled booking. The lease
     * version moves on, so a dispatcher that claimed it a moment ago loses its claim; one already handing it to
     * WeChat may still deliver it. Answers whether it was taken back.
     */
    public Mono<Boolean> withdraw(String dedupeKey) {
        return mongo.updateFirst(Query.query(Criteria.where("dedupeKey").is(dedupeKey)
                                .and("status").is(Notification.Status.PENDING)),
                        new Update().set("status", Notification.Status.WITHDRAWN).inc("leaseVersion", 1),
                        Notification.class)
                .map(result -> result.getModifiedCount() > 0);
    }

    /** The newest due notifications first, {@code limit} at a time, with the number still unread. */
    Mono<Page> inbox(CurrentUser user, String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            return Mono.error(ApiProblem.invalid("limit", "每页条数应在 1 到 50 之间。"));
        }
        if (cursor != null && !ObjectId.isValid(cursor)) {
            return Mono.error(ApiProblem.invalid("cursor", "翻页游标无效。"));
        }
        Instant now = clock.instant();
        Criteria mine = Criteria.where("recipientId").is(user.id()).and("dueAt").lte(now)
                .and("status").ne(Notification.Status.WITHDRAWN);
        Query page = Query.query(cursor == null ? mine
                        : new Criteria().andOperator(mine, Criteria.where("_id").lt(new ObjectId(cursor))))
                .with(Sort.by(Sort.Direction.DESC, "_id"))
                .limit(limit + 1);
        return Mono.zip(
                        mongo.find(page, Notification.class).collectList(),
                        mongo.count(Query.query(Criteria.where("recipientId").is(user.id()).and("dueAt").lte(now)
                                .and("status").ne(Notification.Status.WITHDRAWN).and("readAt").is(null)),
                                Notification.class))
                .map(found -> {
                    var items = found.getT1();
                    boolean more = items.size() > limit;
                    var shown = more ? items.subList(0, limit) : items;
                    return new Page(shown.stream().map(Item::of).toList(), found.getT2(),
                            more ? shown.get(shown.size() - 1).id() : null);
                });
    }

    /** Marks one of the user's own notifications read; repeating it keeps the first time. */
    Mono<Item> markRead(CurrentUser user, String id) {
        if (!ObjectId.isValid(id)) {
            return Mono.error(ApiProblem.notFound("消息不存在。"));
        }
        Criteria own = Criteria.where("_id").is(new ObjectId(id)).and("recipientId").is(user.id())
                .and("dueAt").lte(clock.instant());
        return mongo.findAndModify(Query.query(Criteria.where("readAt").is(null).andOperator(own)),
                        Update.update("readAt", clock.instant()), FindAndModifyOptions.options().returnNew(true),
                        Notification.class)
                .switchIfEmpty(Mono.defer(() -> mongo.findOne(Query.query(own), Notification.class)))
                // Someone else's notification is "not found", not "forbidden": its existence is private too.
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("消息不存在。")))
                .map(Item::of);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
