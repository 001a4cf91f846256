package cn.villagecounsel.api.booking;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.villagecounsel.api.advisor.Assignments;
import cn.villagecounsel.api.common.ChinaTime;
import cn.villagecounsel.api.notification.NewNotification;
import cn.villagecounsel.api.notification.Notifications;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What residents and advisors are told about bookings, through the notification centre. Every message has a
 * dedupe key made of the booking, its slot and the event, so telling twice (a retry, the sweep finishing a
 * step) sends once, and a reschedule's new slot gets fresh reminders while the old slot's are withdrawn.
 */
@Component
class BookingNotices {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M月d日 HH:mm");

    private final Notifications notifications;
    private final Assignments assignments;
    private final BookingProperties properties;
    private final Clock clock;

    BookingNotices(Notifications notifications, Assignments assignments, BookingProperties properties, Clock clock) {
        this.notifications = notifications;
        this.assignments = assignments;
        this.properties = properties;
        this.clock = clock;
    }

    /** The confirmation, the two reminders, and a line in the advisor's inbox. */
    Mono<Void> confirmed(Booking booking) {
        String body = "%s，%s，%s。请按时参加，如需取消请提前在小程序中操作。".formatted(when(booking.startAt()),
                booking.place(), booking.topic().label());
        return toPeople(booking, "booking.confirmed", "预约成功", body, "confirmed", null)
                .then(reminders(booking))
                .then(toAdvisor(booking, "booking.new", "新的咨询预约", "%s，%s：%s".formatted(when(booking.startAt()),
                        booking.personName() == null ? "群众" : booking.personName(), booking.topic().label()), "new"));
    }

    private Mono<Void> reminders(Booking booking) {
        return toPeople(booking, "booking.reminder", "明天有法律咨询预约",
                        "明天 " + SlotCatalog.wallClock(booking.startAt()) + "，" + booking.place() + "，请按时参加。",
                        "day-before", dayBefore(booking.startAt()))
                .then(toPeople(booking, "booking.reminder", "法律咨询即将开始",
                        SlotCatalog.wallClock(booking.startAt()) + " 开始，" + booking.place() + "。",
                        "hour-before", booking.startAt().minus(properties.hourBefore())));
    }

    /** Tells the people (and, when a resident cancelled, the advisor) and takes the slot's reminders back. */
    Mono<Void> cancelled(Booking booking, boolean byStaff) {
        String body = when(booking.startAt()) + " 的法律咨询预约已取消"
                + (booking.cancelReason() == null ? "。" : "，原因：" + booking.cancelReason() + "。");
        Mono<Void> tell = byStaff
                ? toPeople(booking, "booking.cancelled", "预约已取消", body + "如有需要可重新预约。", "cancelled", null)
                : toAdvisor(booking, "booking.cancelled", "预约已取消", body, "cancelled");
        return withdrawReminders(booking, booking.slotId()).then(tell);
    }

    /** After a reschedule: the old slot's reminders withdrawn, the new time told, new reminders queued. */
    Mono<Void> rescheduled(Booking booking, String oldSlotId) {
        String body = "法律咨询预约已改到 %s，%s。".formatted(when(booking.startAt()), booking.place());
        return withdrawReminders(booking, oldSlotId)
                .then(toPeople(booking, "booking.rescheduled", "预约时间已调整", body, "rescheduled", null))
                .then(reminders(booking))
                .then(toAdvisor(booking, "booking.rescheduled", "预约时间已调整",
                        (booking.personName() == null ? "群众" : booking.personName()) + "的" + body, "rescheduled"));
    }

    /** The first in line is offered a freed place. */
    Mono<Void> offered(WaitlistEntry entry) {
        Applicant applicant = entry.applicant();
        String place = entry.place();
        String body = "您候补的 %s（%s）有名额了，请在 %s 前到小程序中确认，逾期名额将让给下一位。".formatted(
                when(entry.startAt()), place, when(entry.offerExpiresAt()));
        return Flux.fromIterable(recipients(applicant.bookedBy(), applicant.personUserId()))
                .concatMap(recipient -> notifications.enqueue(new NewNotification(recipient, "booking.waitlist.offer",
                        "候补有名额了", body, data(entry.startAt(), place, "候补名额"),
                        "waitlist:" + entry.id() + ":offer:" + entry.offeredAt().toEpochMilli() + ":" + recipient,
                        applicant.villageCode(), null)))
                .then();
    }

    private Mono<Void> withdrawReminders(Booking booking, String slotId) {
        return Flux.fromIterable(recipients(booking.bookedBy(), booking.personUserId()))
                .concatMap(recipient -> Flux.just("day-before", "hour-before")
                        .concatMap(event -> notifications.withdraw(key(booking, slotId, event, recipient))))
                .then();
    }

    private Mono<Void> toPeople(Booking booking, String template, String title, String body, String event,
            Instant dueAt) {
        if (dueAt != null && !dueAt.isAfter(clock.instant())) {
            return Mono.empty(); // a reminder whose time has passed (booked late) is not sent
        }
        return Flux.fromIterable(recipients(booking.bookedBy(), booking.personUserId()))
                .concatMap(recipient -> notifications.enqueue(new NewNotification(recipient, template, title, body,
                        data(booking.startAt(), booking.place(), booking.topic().label()),
                        key(booking, booking.slotId(), event, recipient), booking.villageCode(), dueAt)))
                .then();
    }

    private Mono<Void> toAdvisor(Booking booking, String template, String title, String body, String event) {
        return assignments.userIdOfAdvisor(booking.advisorId())
                .flatMap(userId -> notifications.enqueue(new NewNotification(userId, template, title, body,
                        data(booking.startAt(), booking.place(), booking.topic().label()),
                        key(booking, booking.slotId(), event, userId), booking.villageCode(), null)))
                .then();
    }

    /** The evening before (Beijing time) at the configured hour. */
    private Instant dayBefore(Instant startAt) {
        LocalDate day = ZonedDateTime.ofInstant(startAt, ChinaTime.ZONE).toLocalDate().minusDays(1);
        return day.atTime(properties.dayBeforeAt()).atZone(ChinaTime.ZONE).toInstant();
    }

    private static Map<String, String> data(Instant startAt, String place, String subject) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("time", ZonedDateTime.ofInstant(startAt, ChinaTime.ZONE).format(DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm")));
        data.put("place", place);
        data.put("subject", subject);
        return data;
    }

    private static String key(Booking booking, String slotId, String event, String recipient) {
        return "booking:" + booking.id() + ":" + slotId + ":" + event + ":" + recipient;
    }

    private static List<String> recipients(String bookedBy, String personUserId) {
        Set<String> recipients = new LinkedHashSet<>();
        recipients.add(bookedBy);
        if (personUserId != null) {
            recipients.add(personUserId);
        }
        return List.copyOf(recipients);
    }

    static String when(Instant instant) {
        return WHEN.format(ZonedDateTime.ofInstant(instant, ChinaTime.ZONE));
    }
}
