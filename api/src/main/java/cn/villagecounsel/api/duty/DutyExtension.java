package cn.villagecounsel.api.duty;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import cn.villagecounsel.api.common.DirectoryChanges;
import reactor.core.publisher.Mono;

/**
 * Extends every current rule's sessions to the horizon once a day (and once when an instance starts, to catch
 * up a missed night). One instance runs it, under a Redis lease; a marker records that today's run completed,
 * so the other instances' start-up runs skip it. Running it twice changes nothing: the planner finds the
 * sessions by their deterministic ids. A rule whose sessions changed bumps its village's or station's directory
 * generation, so cached boards are rebuilt.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DutyExtension {

    private static final Logger log = LoggerFactory.getLogger(DutyExtension.class);
    static final String LEASE_KEY = "vc:duty:extension:lease";
    private static final String DONE_KEY = "vc:duty:extension:done:";
    private static final Duration PATIENCE = Duration.ofSeconds(2);

    /** How a run went: {@code ran} false when another instance held the lease or today's run was done. */
    record Run(boolean ran, long rules, long kept) {
    }

    private final ReactiveMongoTemplate mongo;
    private final ReactiveStringRedisTemplate redis;
    private final SessionPlanner planner;
    private final DutyCalendar calendar;
    private final DutyLocks locks;
    private final DutyProperties properties;
    private final DirectoryChanges changes;

    DutyExtension(ReactiveMongoTemplate mongo, ReactiveStringRedisTemplate redis, SessionPlanner planner,
            DutyCalendar calendar, DutyLocks locks, DutyProperties properties, DirectoryChanges changes) {
        this.mongo = mongo;
        this.redis = redis;
        this.planner = planner;
        this.calendar = calendar;
        this.locks = locks;
        this.properties = properties;
        this.changes = changes;
    }

    /**
     * Spring calls this once and subscribes to the same Mono at every tick: deferring makes each night compute its
     * own date (without it every night would reuse the start-up day and skip as already done).
     */
    @Scheduled(cron = "${vc.duty.extension-cron:0 20 3 * * *}", zone = "Asia/Shanghai")
    Mono<Void> daily() {
        return Mono.defer(() -> run(false)).then();
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStartup() {
        if (properties.extendOnStartup()) {
            run(false).subscribe(run -> { }, error -> log.warn("Duty session extension at start-up failed", error));
        }
    }

    /**
     * Extends all rules under the lease. {@code force} ignores the "done today" marker (tests, operators);
     * the lease is always respected.
     */
    Mono<Run> run(boolean force) {
        LocalDate today = calendar.today();
        String done = DONE_KEY + today;
        return locks.lease(LEASE_KEY, properties.extensionLease())
                .flatMap(token -> Mono.usingWhen(Mono.just(token),
                        held -> (force ? Mono.just(false) : redis.hasKey(done))
                                .flatMap(already -> already ? Mono.just(new Run(false, 0, 0))
                                        : extendAll(today)
                                                .flatMap(run -> redis.opsForValue().set(done, "1", Duration.ofDays(2))
                                                        .thenReturn(run))),
                        held -> locks.release(LEASE_KEY, held)))
                .defaultIfEmpty(new Run(false, 0, 0));
    }

    private Mono<Run> extendAll(LocalDate today) {
        long started = System.nanoTime();
        return mongo.find(query(where("validUntil").gte(today.toString())), DutyRule.class)
                .concatMap(rule -> locks.tryWithAdvisors(Set.of(rule.advisorId()), PATIENCE,
                                () -> mongo.findById(rule.id(), DutyRule.class)
                                        .flatMap(fresh -> planner.plan(fresh.id(), fresh, false)
                                                .doOnNext(plan -> plan.conflicts().forEach(conflict -> log.warn(
                                                        "Duty rule {}: no session on {} ({} overlaps another duty of advisor {})",
                                                        fresh.id(), conflict.mine().date(), conflict.mine().startAt(),
                                                        fresh.advisorId())))
                                                .flatMap(plan -> planner.apply(plan, fresh))
                                                .flatMap(outcome -> outcome.changed()
                                                        ? changes.changed(fresh.code()).thenReturn(outcome)
                                                        : Mono.just(outcome))))
                        .switchIfEmpty(Mono.fromRunnable(() -> log.info(
                                "Duty rule {} skipped: its advisor's schedule is being edited", rule.id())))
                        .onErrorResume(error -> {
                            log.warn("Duty rule {} could not be extended", rule.id(), error);
                            return Mono.empty();
                        }))
                .reduce(new Run(true, 0, 0), (run, outcome) -> new Run(true, run.rules() + 1,
                        run.kept() + outcome.kept().size()))
                .doOnNext(run -> log.info("Duty sessions extended for {} rules in {} ms ({} kept for bookings)",
                        run.rules(), (System.nanoTime() - started) / 1_000_000, run.kept()));
    }
}
