package cn.villagecounsel.api.homevisit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import cn.villagecounsel.api.advisor.Assignments;
import cn.villagecounsel.api.common.ChinaTime;
import cn.villagecounsel.api.notification.NewNotification;
import cn.villagecounsel.api.notification.Notification;
import cn.villagecounsel.api.notification.Notifications;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What home visits tell people, through the notification centre. Dedupe keys name the event, so enqueuing again
 * (a replayed request) changes nothing; a schedule's keys carry its version, so a re-schedule is news again.
 */
@Component
class HomeVisitNotices {

    static final String REQUESTED = "homevisit.requested";
    static final String SCHEDULED = "homevisit.scheduled";
    static final String REMINDER = "homevisit.reminder";
    static final String DECLINED = "homevisit.declined";
    static final String CANCELLED = "homevisit.cancelled";

    private static final LocalTime REMINDER_TIME = LocalTime.of(10, 0);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Notifications notifications;
    private final Assignments assignments;
    private final Clock clock;

    HomeVisitNotices(Notifications notifications, Assignments assignments, Clock clock) {
        this.notifications = notifications;
        this.assignments = assignments;
        this.clock = clock;
    }

    /** To each advisor serving the village: no names, numbers or details, only that a request waits. */
    Mono<Void> requested(HomeVisit visit, String villageName) {
        String body = villageName + "有一位" + visit.eligibility().label() + "申请上门法律服务，请尽快在小程序中查看并安排。";
        return advisorUsersOf(visit.villageCode())
                .concatMap(userId -> notifications.enqueue(new NewNotification(userId, REQUESTED, "新的上门服务申请", body,
                        Map.of("village", villageName, "eligibility", visit.eligibility().label()),
                        "homevisit:" + visit.id() + ":requested:" + userId, visit.villageCode(), null)))
                .then();
    }

    /** To the requester: the time and the advisor; and a reminder the day before at 10:00 Beijing time. */
    Mono<Void> scheduled(HomeVisit visit) {
        String when = when(visit);
        String body = forWhom(visit) + "的上门服务已安排：法律顾问" + visit.advisorName() + "将于" + when + "上门。"
                + (visit.scheduleNote() == null ? "" : "说明：" + visit.scheduleNote());
        Map<String, String> data = Map.of("time", when, "advisor", visit.advisorName());
        Mono<Notification> now = notifications.enqueue(new NewNotification(visit.requesterId(), SCHEDULED, "上门服务已安排",
                body, data, "homevisit:" + visit.id() + ":scheduled:" + visit.scheduleVersion(), visit.villageCode(),
                null));
        Instant remindAt = ZonedDateTime.ofInstant(visit.startAt(), ChinaTime.ZONE).toLocalDate().minusDays(1)
                .atTime(REMINDER_TIME).atZone(ChinaTime.ZONE).toInstant();
        // A visit arranged after 10:00 of the day before needs no reminder: the message above has just gone.
        Mono<Notification> reminder = remindAt.isAfter(clock.instant())
                ? notifications.enqueue(new NewNotification(visit.requesterId(), REMINDER, "明天有上门法律服务",
                        "提醒：法律顾问" + visit.advisorName() + "将于" + when + "上门，请留意电话。", data,
                        reminderKey(visit.id(), visit.scheduleVersion()), visit.villageCode(), remindAt))
                : Mono.empty();
        return now.then(reminder).then();
    }

    Mono<Void> declined(HomeVisit visit) {
        return notifications.enqueue(new NewNotification(visit.requesterId(), DECLINED, "上门服务申请未能安排",
                        forWhom(visit) + "的上门服务未能安排，原因：" + visit.declineReason(),
                        Map.of("reason", visit.declineReason()), "homevisit:" + visit.id() + ":declined",
                        visit.villageCode(), null))
                .then();
    }

    /** To the advisor who was to go, so that nobody travels to a visit the requester called off. */
    Mono<Void> cancelled(HomeVisit visit) {
        if (visit.advisorId() == null) {
            return Mono.empty();
        }
        return assignments.userIdOfAdvisor(visit.advisorId())
                .flatMap(userId -> notifications.enqueue(new NewNotification(userId, CANCELLED,
                        "上门服务已撤销", "原定" + when(visit) + "的上门服务已由申请人撤销，无需前往。", Map.of("time", when(visit)),
                        "homevisit:" + visit.id() + ":cancelled", visit.villageCode(), null)))
                .then();
    }

    /** Takes back the reminder of a schedule that no longer holds (re-scheduled, declined, cancelled). */
    Mono<Void> withdrawReminder(String visitId, int scheduleVersion) {
        if (scheduleVersion == 0) {
            return Mono.empty();
        }
        return notifications.withdraw(reminderKey(visitId, scheduleVersion)).then();
    }

    static String reminderKey(String visitId, int scheduleVersion) {
        return "homevisit:" + visitId + ":reminder:" + scheduleVersion;
    }

    /** Staff accounts of the village's advisors. */
    private Flux<String> advisorUsersOf(String villageCode) {
        return assignments.advisorsOf(List.of(villageCode))
                .flatMapIterable(byVillage -> byVillage.getOrDefault(villageCode, List.of()))
                .concatMap(card -> assignments.userIdOfAdvisor(card.id()))
                .distinct();
    }

    private static String forWhom(HomeVisit visit) {
        return visit.forNeighbour() ? "您为" + visit.contactName() + "提交" : "您申请";
    }

    static String when(HomeVisit visit) {
        return when(visit.startAt(), visit.endAt());
    }

    /** "2026年12月8日（星期二）09:00–11:00", Beijing time. */
    static String when(Instant startAt, Instant endAt) {
        ZonedDateTime start = startAt.atZone(ChinaTime.ZONE);
        ZonedDateTime end = endAt.atZone(ChinaTime.ZONE);
        return DATE.format(start) + "（" + start.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.CHINA) + "）"
                + TIME.format(start) + "–" + TIME.format(end);
    }
}
