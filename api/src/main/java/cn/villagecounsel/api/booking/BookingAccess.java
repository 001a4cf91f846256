package cn.villagecounsel.api.booking;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import cn.villagecounsel.api.advisor.Assignments;
import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.Role;
import reactor.core.publisher.Mono;

/**
 * Who may see and change a booking: the person who booked it and the person it is for; the advisor of its
 * session or of its village; admins whose region holds its village or station. Everybody else gets 403.
 */
@Component
class BookingAccess {

    /** An advisor's identity and villages today; {@link #NONE} for users who are not advisors. */
    record Staff(String advisorId, Set<String> villages) {

        static final Staff NONE = new Staff(null, Set.of());
    }

    private final Assignments assignments;

    BookingAccess(Assignments assignments) {
        this.assignments = assignments;
    }

    Mono<Staff> staffOf(CurrentUser user) {
        if (!user.roles().contains(Role.ADVISOR)) {
            return Mono.just(Staff.NONE);
        }
        return assignments.advisorIdOfUser(user.id())
                .flatMap(advisorId -> assignments.villagesServedBy(advisorId).collect(Collectors.toSet())
                        .map(villages -> new Staff(advisorId, Set.copyOf(villages))))
                .defaultIfEmpty(Staff.NONE);
    }

    static boolean isParty(CurrentUser user, Booking booking) {
        return user.id().equals(booking.bookedBy()) || user.id().equals(booking.personUserId());
    }

    static boolean isStaffFor(CurrentUser user, Staff staff, Booking booking) {
        if (user.roles().contains(Role.ADMIN) && (user.mayActIn(booking.villageCode())
                || booking.stationCode() != null && user.mayActIn(booking.stationCode()))) {
            return true;
        }
        return staff.advisorId() != null
                && (staff.advisorId().equals(booking.advisorId()) || staff.villages().contains(booking.villageCode()));
    }

    /** The booking if the user may read it. */
    Mono<Booking> readable(CurrentUser user, Booking booking) {
        if (isParty(user, booking)) {
            return Mono.just(booking);
        }
        return staffOf(user).flatMap(staff -> isStaffFor(user, staff, booking) ? Mono.just(booking)
                : Mono.error(ApiProblem.forbidden("这不是您的预约，无权查看。")));
    }

    /** The booking if the user may act on it as staff (attendance, notes, cancelling with a reason). */
    Mono<Booking> manageable(CurrentUser user, Booking booking) {
        return staffOf(user).flatMap(staff -> isStaffFor(user, staff, booking) ? Mono.just(booking)
                : Mono.error(ApiProblem.forbidden("您不是该预约的法律顾问或所属区划的管理员。")));
    }
}
