package cn.villagecounsel.api.booking;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import cn.villagecounsel.api.advisor.Assignments;
import cn.villagecounsel.api.booking.Booking.Status;
import cn.villagecounsel.api.booking.BookingViews.BookingView;
import cn.villagecounsel.api.common.ChinaTime;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.FieldCipher;
import cn.villagecounsel.api.common.Phones;
import cn.villagecounsel.api.region.RegionDirectory;
import cn.villagecounsel.api.region.RegionView;
import reactor.core.publisher.Mono;

/** Turns bookings into what a viewer may see: names looked up, the phone masked, staff-only fields for staff. */
@Component
class BookingPresenter {

    private final Assignments assignments;
    private final RegionDirectory regions;
    private final FieldCipher cipher;
    private final BookingProperties properties;
    private final Clock clock;

    BookingPresenter(Assignments assignments, RegionDirectory regions, FieldCipher cipher,
            BookingProperties properties, Clock clock) {
        this.assignments = assignments;
        this.regions = regions;
        this.cipher = cipher;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<BookingView> view(Booking booking, CurrentUser viewer, boolean staff) {
        return views(List.of(booking), viewer, staff).map(views -> views.get(0));
    }

    Mono<List<BookingView>> views(List<Booking> bookings, CurrentUser viewer, boolean staff) {
        if (bookings.isEmpty()) {
            return Mono.just(List.of());
        }
        return Mono.zip(assignments.names(bookings.stream().map(Booking::advisorId).distinct().toList()),
                        regionNames(bookings.stream().map(Booking::villageCode).toList()))
                .map(names -> bookings.stream()
                        .map(booking -> view(booking, viewer, staff, names.getT1(), names.getT2()))
                        .toList());
    }

    Mono<Map<String, String>> regionNames(Collection<String> codes) {
        Set<String> distinct = codes.stream().filter(code -> code != null)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return distinct.isEmpty() ? Mono.just(Map.of())
                : regions.describe(distinct).map(found -> found.stream()
                        .collect(Collectors.toMap(RegionView::code, RegionView::name, (a, b) -> a)));
    }

    private BookingView view(Booking booking, CurrentUser viewer, boolean staff, Map<String, String> advisorNames,
            Map<String, String> villageNames) {
        Instant changeUntil = booking.startAt().minus(properties.changeCutoff());
        boolean canChange = booking.status() == Status.CONFIRMED
                && (staff ? booking.endAt().isAfter(clock.instant()) : clock.instant().isBefore(changeUntil));
        boolean bookedByViewer = viewer.id().equals(booking.bookedBy());
        return new BookingView(booking.id(), booking.status(), booking.slotId(), booking.sessionId(),
                booking.villageCode(), villageNames.get(booking.villageCode()), booking.kind(), booking.place(),
                ZonedDateTime.ofInstant(booking.startAt(), ChinaTime.ZONE).toLocalDate(), booking.startAt(),
                booking.endAt(), SlotCatalog.wallClock(booking.startAt()), SlotCatalog.wallClock(booking.endAt()),
                booking.mode(), booking.advisorId(), advisorNames.get(booking.advisorId()), booking.topic(),
                booking.topic().label(), booking.description(), booking.personName(),
                booking.personPhone() == null ? null : Phones.mask(cipher.decrypt(booking.personPhone())),
                booking.forNeighbour(), booking.bookedByName(), changeUntil, canChange, booking.cancelReason(),
                booking.cancelledByRole(), booking.cancelledAt(), staff ? booking.note() : null,
                booking.attendanceAt(), bookedByViewer && booking.forNeighbour() ? booking.shareCode() : null,
                booking.createdAt());
    }
}
