package cn.villagecounsel.api.booking;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.advisor.Assignments;
import cn.villagecounsel.api.booking.Booking.Event;
import cn.villagecounsel.api.booking.Booking.Status;
import cn.villagecounsel.api.booking.BookingForms.AttendanceForm.Outcome;
import cn.villagecounsel.api.booking.BookingViews.BookingPage;
import cn.villagecounsel.api.booking.BookingViews.BookingView;
import cn.villagecounsel.api.booking.BookingViews.NoShowReport;
import cn.villagecounsel.api.booking.BookingViews.NoShowRow;
import cn.villagecounsel.api.booking.BookingViews.ScheduleView;
import cn.villagecounsel.api.booking.BookingViews.SessionBookings;
import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.AuditLog;
import cn.villagecounsel.api.common.ChinaTime;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.FieldCipher;
import cn.villagecounsel.api.common.LegalTopic;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.duty.BookableSession;
import cn.villagecounsel.api.duty.DutyBookings;
import cn.villagecounsel.api.duty.SessionCancellationListener;
import reactor.core.publisher.Mono;

/**
 * Advisors' and admins' side of booking: the day and week of an advisor, attendance and notes, the region's
 * bookings with filters, CSV and no-show rates, and telling residents when staff cancel a whole session.
 */
@Service
class StaffBookings implements SessionCancellationListener {

    private static final int MAX_PAGE_SIZE = 100;
    private static final int MAX_EXPORT = 10_000;
    private static final int MAX_SCHEDULE_DAYS = 31;
    /** Attendance may be corrected for a while after the consultation, not forever. */
    private static final Duration ATTENDANCE_WINDOW = Duration.ofDays(30);
    private static final List<Status> SHOWN = List.of(Status.CONFIRMED, Status.CANCELLED, Status.ATTENDED, Status.NO_SHOW);

    /** The admin list's filters; all optional. */
    record Filter(String region, String village, String advisorId, Status status, LegalTopic topic, LocalDate from,
            LocalDate to) {
    }

    private final ReactiveMongoTemplate mongo;
    private final BookingAccess access;
    private final BookingPresenter presenter;
    private final BookingNotices notices;
    private final PersonQuotas quotas;
    private final Waitlist waitlist;
    private final SlotCatalog catalog;
    private final DutyBookings sessions;
    private final OnSiteHours hours;
    private final Assignments assignments;
    private final FieldCipher cipher;
    private final AuditLog audit;
    private final Clock clock;

    StaffBookings(ReactiveMongoTemplate mongo, BookingAccess access, BookingPresenter presenter, BookingNotices notices,
            PersonQuotas quotas, Waitlist waitlist, SlotCatalog catalog, DutyBookings sessions, OnSiteHours hours, Assignments assignments,
            FieldCipher cipher, AuditLog audit, Clock clock) {
        this.mongo = mongo;
        this.access = access;
        this.presenter = presenter;
        this.notices = notices;
        this.quotas = quotas;
        this.waitlist = waitlist;
        this.catalog = catalog;
        this.sessions = sessions;
        this.hours = hours;
        this.assignments = assignments;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- one booking ----

    Mono<BookingView> attendance(CurrentUser user, String id, Outcome outcome) {
        return load(id).flatMap(booking -> access.manageable(user, booking))
                .flatMap(booking -> {
                    Instant now = clock.instant();
                    if (booking.status() != Status.CONFIRMED && booking.status() != Status.ATTENDED
                            && booking.status() != Status.NO_SHOW) {
                        return Mono.error(BookingProblems.closed());
                    }
                    if (booking.startAt().isAfter(now)) {
                        return Mono.error(BookingProblems.tooEarly());
                    }
                    if (booking.startAt().isBefore(now.minus(ATTENDANCE_WINDOW))) {
                        return Mono.error(BookingProblems.closed());
                    }
                    Status status = outcome == Outcome.ATTENDED ? Status.ATTENDED : Status.NO_SHOW;
                    return mongo.findAndModify(query(where("_id").is(id).and("status").is(booking.status())),
                                    new Update().set("status", status).set("attendanceAt", now)
                                            .set("attendanceBy", user.id()).set("updatedAt", now)
                                            .push("history", new Event(status.name(), user.id(), roleOf(user), now, null)),
                                    FindAndModifyOptions.options().returnNew(true), Booking.class)
                            .switchIfEmpty(Mono.error(BookingProblems.busy()))
                            // no longer upcoming: its share of the person's cap is free
                            .flatMap(marked -> quotas.release(marked.personKey(), marked.id())
                                    .then(sessions.find(marked.sessionId()))
                                    .flatMap(session -> hours.attendanceChanged(session, user.id()))
                                    .thenReturn(marked));
                })
                .flatMap(marked -> presenter.view(marked, user, true));
    }

    Mono<BookingView> note(CurrentUser user, String id, String note) {
        return load(id).flatMap(booking -> access.manageable(user, booking))
                .flatMap(booking -> mongo.findAndModify(query(where("_id").is(id)),
                        new Update().set("note", note == null || note.isBlank() ? null : note.strip())
                                .set("updatedAt", clock.instant()),
                        FindAndModifyOptions.options().returnNew(true), Booking.class))
                .flatMap(noted -> presenter.view(noted, user, true));
    }

    /** The full phone number, for the advisor who has to call; every look is audited. */
    Mono<String> phone(CurrentUser user, String id) {
        return load(id).flatMap(booking -> access.manageable(user, booking))
                .flatMap(booking -> booking.personPhone() == null
                        ? Mono.error(ApiProblem.notFound("预约人没有留电话。"))
                        : audit.record(user.id(), "booking.phone.view", id, "SUCCESS", List.of(booking.villageCode()))
                                .thenReturn(cipher.decrypt(booking.personPhone())));
    }

    // ---- an advisor's days ----

    /** The advisor's sessions on the days {@code from..to} with their bookings: own for an advisor, any for an admin. */
    Mono<ScheduleView> schedule(CurrentUser user, String requestedAdvisorId, LocalDate from, LocalDate to) {
        LocalDate first = from != null ? from : ChinaTime.today(clock);
        LocalDate last = to != null ? to : first.plusDays(6);
        if (last.isBefore(first) || ChronoUnit.DAYS.between(first, last) >= MAX_SCHEDULE_DAYS) {
            return Mono.error(ApiProblem.invalid("to", "结束日期应不早于开始日期，且一次最多查看 31 天。"));
        }
        Mono<String> advisorId;
        if (requestedAdvisorId == null) {
            advisorId = access.staffOf(user).mapNotNull(BookingAccess.Staff::advisorId)
                    .switchIfEmpty(Mono.error(() -> ApiProblem.forbidden("您的账号没有关联法律顾问。")));
        } else if (user.roles().contains(Role.ADMIN)) {
            advisorId = Mono.just(requestedAdvisorId);
        } else {
            return Mono.error(ApiProblem.forbidden("只能查看本人的预约。"));
        }
        boolean admin = requestedAdvisorId != null;
        return advisorId.flatMap(advisor -> sessions.ofAdvisor(advisor, SlotCatalog.startOfDay(first),
                        SlotCatalog.startOfDay(last.plusDays(1))).collectList())
                .flatMap(found -> mongo.find(query(where("sessionId").in(found.stream().map(BookableSession::id).toList())
                                        .and("status").in(SHOWN)).with(Sort.by("startAt")), Booking.class)
                        // an admin sees the sessions in their region only
                        .filter(booking -> !admin || user.mayActIn(booking.villageCode()))
                        .collectList()
                        .flatMap(booked -> presenter.views(booked, user, true))
                        .zipWith(presenter.regionNames(found.stream().map(BookableSession::code).toList()))
                        .map(viewsAndNames -> {
                            Map<String, List<BookingView>> bySession = viewsAndNames.getT1().stream()
                                    .collect(Collectors.groupingBy(BookingView::sessionId));
                            return new ScheduleView(first, last, found.stream()
                                    .filter(session -> !admin || user.mayActIn(session.code()))
                                    .map(session -> sessionBookings(session, bySession.getOrDefault(session.id(), List.of()),
                                            viewsAndNames.getT2()))
                                    .toList());
                        }));
    }

    private SessionBookings sessionBookings(BookableSession session, List<BookingView> bookings,
            Map<String, String> names) {
        int places = catalog.cut(session).stream().mapToInt(Slot::capacity).sum();
        int booked = (int) bookings.stream().filter(view -> view.status() != Status.CANCELLED).count();
        return new SessionBookings(session.id(), session.date(), SlotCatalog.wallClock(session.startAt()),
                SlotCatalog.wallClock(session.endAt()), session.kind(), session.place(), session.code(),
                names.get(session.code()), session.mode(), session.status(), places, booked, bookings);
    }

    // ---- the region's bookings ----

    Mono<BookingPage> list(CurrentUser admin, Filter filter, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            return Mono.error(ApiProblem.invalid("size", "每页条数应在 1 到 100 之间，页码从 0 开始。"));
        }
        return criteria(admin, filter).flatMap(where -> Mono.zip(
                        mongo.find(query(where).with(Sort.by(Sort.Direction.DESC, "startAt")).skip((long) page * size)
                                .limit(size), Booking.class).collectList()
                                .flatMap(found -> presenter.views(found, admin, true)),
                        mongo.count(query(where), Booking.class))
                .map(found -> new BookingPage(found.getT1(), found.getT2(), page, size)));
    }

    Mono<List<BookingView>> export(CurrentUser admin, Filter filter) {
        return criteria(admin, filter).flatMap(where -> mongo.find(query(where).with(Sort.by("startAt")).limit(MAX_EXPORT),
                        Booking.class).collectList())
                .flatMap(found -> audit.record(admin.id(), "booking.export", null, "SUCCESS",
                                List.of(filter.region() == null ? admin.regions().get(0) : filter.region()))
                        .then(presenter.views(found, admin, true)));
    }

    /** No-show rates of the region's finished bookings (attended or not) on the days {@code from..to}. */
    Mono<NoShowReport> noShows(CurrentUser admin, String region, LocalDate from, LocalDate to) {
        LocalDate last = to != null ? to : ChinaTime.today(clock);
        LocalDate first = from != null ? from : last.minusDays(89);
        Filter filter = new Filter(region, null, null, null, null, first, last);
        return admin.regionScope(region, "region").flatMap(scope -> criteria(admin, filter)
                .flatMap(where -> mongo.find(query(new Criteria().andOperator(where,
                                Criteria.where("status").in(Status.ATTENDED, Status.NO_SHOW))), Booking.class).collectList())
                .flatMap(finished -> Mono.zip(
                                assignments.names(finished.stream().map(Booking::advisorId).distinct().toList()),
                                presenter.regionNames(finished.stream().map(Booking::villageCode).toList()))
                        .map(names -> {
                            long noShows = finished.stream().filter(b -> b.status() == Status.NO_SHOW).count();
                            return new NoShowReport(scope, first, last, finished.size(), noShows,
                                    rate(noShows, finished.size()),
                                    rows(finished, Booking::advisorId, names.getT1()),
                                    rows(finished, Booking::villageCode, names.getT2()));
                        })));
    }

    private static List<NoShowRow> rows(List<Booking> finished, Function<Booking, String> key, Map<String, String> names) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (Booking booking : finished) {
            long[] count = counts.computeIfAbsent(key.apply(booking), k -> new long[2]);
            count[0]++;
            if (booking.status() == Status.NO_SHOW) {
                count[1]++;
            }
        }
        List<NoShowRow> rows = new ArrayList<>();
        counts.forEach((id, count) -> rows.add(new NoShowRow(id, names.get(id), count[0], count[1], rate(count[1], count[0]))));
        rows.sort(Comparator.comparing(NoShowRow::rate, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(NoShowRow::id));
        return rows;
    }

    private static Double rate(long noShows, long finished) {
        return finished == 0 ? null : (double) noShows / finished;
    }

    private Mono<Criteria> criteria(CurrentUser admin, Filter filter) {
        if (filter.from() != null && filter.to() != null && filter.to().isBefore(filter.from())) {
            return Mono.error(ApiProblem.invalid("to", "结束日期不能早于开始日期。"));
        }
        if (filter.village() != null && !RegionCodes.isValid(filter.village())) {
            return Mono.error(ApiProblem.invalid("village", "村（社区）代码应为 12 位数字。"));
        }
        return admin.regionScope(filter.region(), "region").flatMap(scope -> {
            if (filter.village() != null && !RegionCodes.covers(scope, filter.village())) {
                return Mono.error(ApiProblem.forbidden("该村（社区）不在您的管辖范围内。"));
            }
            List<Criteria> all = new ArrayList<>();
            all.add(filter.village() != null ? where("villageCode").is(filter.village())
                    : where("villageCode").regex(Pattern.compile("^" + RegionCodes.prefixOf(scope))));
            all.add(where("status").in(filter.status() != null ? List.of(filter.status()) : SHOWN));
            if (filter.advisorId() != null) {
                all.add(where("advisorId").is(filter.advisorId()));
            }
            if (filter.topic() != null) {
                all.add(where("topic").is(filter.topic()));
            }
            if (filter.from() != null) {
                all.add(where("startAt").gte(SlotCatalog.startOfDay(filter.from())));
            }
            if (filter.to() != null) {
                all.add(where("startAt").lt(SlotCatalog.startOfDay(filter.to().plusDays(1))));
            }
            return Mono.just(new Criteria().andOperator(all));
        });
    }

    // ---- a whole session cancelled ----

    /**
     * Cancels the session's live bookings with the session's reason and tells each person; the places are not
     * offered to anyone (the session will not take place). Repeating it finds nothing left to cancel.
     */
    @Override
    public Mono<Void> sessionCancelled(BookableSession session, CurrentUser by) {
        Role role = roleOf(by);
        String reason = session.cancelReason() == null ? "值班取消" : "值班取消：" + session.cancelReason();
        return mongo.find(query(where("sessionId").is(session.id()).and("status").is(Status.CONFIRMED)), Booking.class)
                .concatMap(booking -> {
                    Instant now = clock.instant();
                    return mongo.findAndModify(query(where("_id").is(booking.id()).and("status").is(Status.CONFIRMED)),
                                    new Update().set("status", Status.CANCELLED).unset("activeKey")
                                            .set("cancelReason", reason).set("cancelledBy", by.id())
                                            .set("cancelledByRole", role).set("cancelledAt", now).set("updatedAt", now)
                                            .push("history", new Event("CANCELLED", by.id(), role, now, reason)),
                                    FindAndModifyOptions.options().returnNew(true), Booking.class)
                            .flatMap(cancelled -> quotas.release(cancelled.personKey(), cancelled.id())
                                    .then(notices.cancelled(cancelled, true)));
                })
                .then(waitlist.closeSession(session.id()));
    }

    private Mono<Booking> load(String id) {
        return mongo.findById(id, Booking.class)
                .filter(booking -> booking.status() != Status.REFUSED && booking.status() != Status.HELD)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("预约不存在。")));
    }

    private static Role roleOf(CurrentUser user) {
        return user.roles().contains(Role.ADVISOR) ? Role.ADVISOR : Role.ADMIN;
    }
}
