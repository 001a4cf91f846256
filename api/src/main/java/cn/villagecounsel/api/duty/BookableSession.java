package cn.villagecounsel.api.duty;

import java.time.Instant;
import java.time.LocalDate;

/** A duty session as the booking feature sees it: when, where, who, and how it is cut into slots. */
public record BookableSession(String id, String advisorId, DutyKind kind, String villageCode, String stationCode,
        LocalDate date, Instant startAt, Instant endAt, String place, DutyMode mode, DutyStatus status,
        int bookedCount, Integer slotMinutes, Integer placesPerSlot, String cancelReason) {

    static BookableSession of(DutySession session) {
        return new BookableSession(session.id(), session.advisorId(), session.kind(), session.villageCode(),
                session.stationCode(), session.day(), session.startAt(), session.endAt(), session.place(),
                session.mode(), session.status(), session.bookedCount(), session.slotMinutes(),
                session.placesPerSlot(), session.cancelReason());
    }

    /** The village (on site) or the station (desk) the session is held for. */
    public String code() {
        return kind == DutyKind.ON_SITE ? villageCode : stationCode;
    }
}
