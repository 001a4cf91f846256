package cn.villagecounsel.api.question;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.notification.NewNotification;
import cn.villagecounsel.api.notification.Notifications;
import cn.villagecounsel.api.notification.RobotRegistry;
import cn.villagecounsel.api.notification.RobotRegistry.Purpose;
import cn.villagecounsel.api.question.Question.PoolLevel;
import cn.villagecounsel.api.question.Question.Status;
import cn.villagecounsel.api.question.QuestionStore.Actor;
import cn.villagecounsel.api.question.QuestionStore.Change;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps questions moving, in every api instance: widens unclaimed questions to the township and the county, returns
 * questions whose lease ran out to the queue, closes answered questions nobody followed up, raises service-level
 * alerts, queues notices a crash left behind, posts the village groups' digest and deletes unused uploads once a
 * digest window. Each step is a compare-and-set on the question (or keyed by a dedupe key), so instances sweeping at
 * once do each thing once.
 */
@Component
class QuestionSweep {

    private static final Logger log = LoggerFactory.getLogger(QuestionSweep.class);
    private static final int BATCH = 200;
    private static final Duration NOTICE_GRACE = Duration.ofSeconds(30);

    private final ReactiveMongoTemplate mongo;
    private final QuestionStore store;
    private final QuestionNotices notices;
    private final QuestionAttachments attachments;
    private final Notifications notifications;
    private final RobotRegistry robots;
    private final QuestionProperties properties;
    private final Clock clock;
    /** The digest window whose unused uploads this instance has cleaned up. */
    private volatile Instant cleanedWindow;

    QuestionSweep(ReactiveMongoTemplate mongo, QuestionStore store, QuestionNotices notices,
            QuestionAttachments attachments, Notifications notifications, RobotRegistry robots,
            QuestionProperties properties, Clock clock) {
        this.mongo = mongo;
        this.store = store;
        this.notices = notices;
        this.attachments = attachments;
        this.notifications = notifications;
        this.robots = robots;
        this.properties = properties;
        this.clock = clock;
    }

    /** Deferred: Spring subscribes to the same Mono at every tick. */
    @Scheduled(fixedDelayString = "${vc.questions.sweep-interval:15s}", initialDelayString = "${vc.questions.sweep-interval:15s}")
    Mono<Void> sweep() {
        return Mono.defer(this::sweepOnce)
                .onErrorResume(error -> {
                    log.warn("Question sweep failed; the next run retries", error);
                    return Mono.empty();
                })
                .then();
    }

    Mono<Long> sweepOnce() {
        Instant now = clock.instant();
        return Flux.concat(escalate(now), expireLeases(now), autoClose(now), serviceLevels(now), unsentNotices(now),
                        digest(now))
                .reduce(0L, Long::sum);
    }

    private Flux<Question> due(Criteria criteria) {
        return mongo.find(query(criteria).limit(BATCH), Question.class);
    }

    /** Each change is decided again on the fresh question: one a person changed meanwhile is left alone. */
    private Mono<Long> each(Flux<Question> found, Function<Question, Change> decide) {
        return found.concatMap(question -> store.update(question.id(), fresh -> {
                            Change change = decide.apply(fresh);
                            return change == null ? Mono.error(new Skipped()) : Mono.just(change);
                        })
                        .flatMap(notices::flush)
                        .onErrorResume(Skipped.class, skipped -> Mono.empty())
                        .onErrorResume(ApiProblem.class, gone -> Mono.empty()))
                .count();
    }

    private Mono<Long> escalate(Instant now) {
        return each(due(where("status").is(Status.OPEN).and("poolLevel").ne(PoolLevel.COUNTY).and("escalateAt").lt(now)),
                question -> {
                    if (question.status() != Status.OPEN || question.poolLevel() == PoolLevel.COUNTY
                            || question.escalateAt() == null || !question.escalateAt().isBefore(now)) {
                        return null;
                    }
                    PoolLevel wider = question.poolLevel().wider();
                    Change change = store.change(question);
                    Instant next = wider == PoolLevel.COUNTY ? null
                            : now.plus(question.priority() < 2 ? properties.urgentWait() : properties.townshipWait());
                    return change.set("poolLevel", wider).set("escalateAt", next)
                            .record("ESCALATED", Actor.SYSTEM, wider == PoolLevel.TOWNSHIP ? "无人认领，扩大到乡镇统筹"
                                    : "无人认领，扩大到县级统筹")
                            .notice("escalated:" + wider);
                });
    }

    private Mono<Long> expireLeases(Instant now) {
        return each(due(where("status").is(Status.CLAIMED).and("claim.leaseUntil").lt(now)), question -> {
            if (question.status() != Status.CLAIMED || !question.claim().leaseUntil().isBefore(now)) {
                return null;
            }
            return store.change(question)
                    .to(Status.OPEN, "LEASE_EXPIRED", Actor.SYSTEM, question.claim().advisorName() + " 的认领已到期，退回队列")
                    .notice("lease-expired:" + question.claim().userId());
        });
    }

    private Mono<Long> autoClose(Instant now) {
        Instant before = now.minus(properties.autoCloseAfter());
        return each(due(where("status").is(Status.ANSWERED).and("answeredAt").lt(before)), question -> {
            if (question.status() != Status.ANSWERED || !question.answeredAt().isBefore(before)) {
                return null;
            }
            Change change = store.change(question);
            return change.set("closedAt", now).to(Status.CLOSED, "AUTO_CLOSED", Actor.SYSTEM,
                    "答复后 " + properties.autoCloseAfter().toDays() + " 天无追问，自动办结");
        });
    }

    /** First claim, first answer, resolution: each breach alerts the township once. */
    private Mono<Long> serviceLevels(Instant now) {
        return Flux.concat(
                        breach(now, "claim", properties.claimTarget(), where("firstClaimedAt").is(null)
                                .and("status").is(Status.OPEN), "超过认领时限"),
                        breach(now, "answer", properties.answerTarget(), where("firstAnsweredAt").is(null)
                                .and("status").in(Status.OPEN, Status.CLAIMED), "超过答复时限"),
                        breach(now, "resolution", properties.resolutionTarget(), where("closedAt").is(null)
                                .and("status").in(Status.OPEN, Status.CLAIMED, Status.ANSWERED), "超过办结时限"))
                .reduce(0L, Long::sum);
    }

    private Mono<Long> breach(Instant now, String clock, Duration target, Criteria pending, String note) {
        Instant askedBefore = now.minus(target);
        return each(due(pending.and("askedAt").lt(askedBefore).and("slaAlerts").ne(clock)), question -> {
            if (question.slaAlerts().contains(clock) || !question.askedAt().isBefore(askedBefore)) {
                return null;
            }
            return store.change(question).addToSet("slaAlerts", clock).record("SLA_BREACHED", Actor.SYSTEM, note)
                    .notice("sla:" + clock);
        });
    }

    private Mono<Long> unsentNotices(Instant now) {
        return mongo.find(query(where("pendingNotices.at").lt(now.minus(NOTICE_GRACE))).limit(BATCH), Question.class)
                .concatMap(notices::flush)
                .count();
    }

    /**
     * Each village with new questions gets one line per {@code digest-every} window in its 1+N group: how many and on
     * which matters, never who asked or what. A window's questions are posted at the first sweep after it ends; the
     * window's start is in the dedupe key, so instances sweeping at once post once. Unused uploads are cleaned up at
     * the same pace.
     */
    private Mono<Long> digest(Instant now) {
        long every = properties.digestEvery().toMillis();
        Instant windowStart = Instant.ofEpochMilli(now.toEpochMilli() / every * every);
        Mono<Void> cleanUp = windowStart.equals(cleanedWindow) ? Mono.empty()
                : attachments.removeUnused(now.minus(properties.unusedUploadsAfter()))
                        .doOnSuccess(removed -> cleanedWindow = windowStart).then();
        // held questions wait for the admin's decision; once approved they go in the next digest
        return cleanUp.then(mongo.find(query(where("digested").is(false).and("askedAt").lt(windowStart)
                        .and("status").ne(Status.HELD_FOR_REVIEW)), Question.class)
                .collectList()
                .filter(fresh -> !fresh.isEmpty())
                .flatMap(fresh -> Flux.fromIterable(fresh.stream()
                                .filter(question -> question.status() != Status.REJECTED)
                                .collect(Collectors.groupingBy(Question::villageCode, TreeMap::new, Collectors.toList()))
                                .entrySet())
                        .concatMap(village -> post(village.getKey(), village.getValue(), windowStart))
                        .then(mongo.updateMulti(query(where("_id").in(fresh.stream().map(Question::id).toList())),
                                Update.update("digested", true), Question.class))
                        .thenReturn((long) fresh.size()))
                .defaultIfEmpty(0L));
    }

    private Mono<Void> post(String villageCode, List<Question> fresh, Instant windowStart) {
        Map<String, Long> byTopic = fresh.stream().collect(Collectors.groupingBy(question -> question.topic().label(),
                TreeMap::new, Collectors.counting()));
        String topics = byTopic.entrySet().stream().map(topic -> topic.getKey() + " " + topic.getValue() + " 个")
                .collect(Collectors.joining("，"));
        String body = "本村新收到 %d 个法律问题（%s），法律顾问正在处理。邻居有法律问题，可以在小程序里提问，或请法律明白人代问。"
                .formatted(fresh.size(), topics);
        return robots.robotsFor(villageCode, Purpose.VILLAGE_TEAM)
                .concatMap(robot -> notifications.enqueue(NewNotification.toRobot(robot, "question.digest",
                        "新问题汇总", body, "question-digest:" + villageCode + ":" + windowStart.toEpochMilli() + ":" + robot,
                        villageCode)))
                .then();
    }

    /** A question changed by someone else so that the sweep has nothing to do. */
    private static final class Skipped extends RuntimeException {

        Skipped() {
            super(null, null, false, false);
        }
    }
}
