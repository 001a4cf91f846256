package cn.villagecounsel.api.booking;

import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Booking rules ({@code vc.booking.*}).
 *
 * @param slotLength a slot's length when the duty rule does not set one
 * @param placesPerSlot people per slot when the duty rule does not set it
 * @param buffer a gap left after each slot (the advisor writes up, the next person comes in)
 * @param minNotice how long before a slot starts booking closes
 * @param horizon how far ahead slots can be booked
 * @param changeCutoff until how long before the start a resident may cancel or reschedule; after it only staff
 * @param maxActive a person's upcoming bookings at most (a neighbour booked by a legal-savvy resident is a person of their own)
 * @param maxWaiting a person's waitlist places at most
 * @param offerTimeout how long the first in line has to accept a freed place before it passes on
 * @param dayBeforeAt when the day-before reminder goes out (Beijing time)
 * @param hourBefore how long before the start the last reminder goes out
 * @param repairAfter when a booking step left unfinished (a crash, a lost connection) is finished by the sweep
 * @param sweepInterval how often the sweep runs (expired offers, unfinished steps)
 */
@ConfigurationProperties("vc.booking")
record BookingProperties(
        @DefaultValue("30m") Duration slotLength,
        @DefaultValue("1") int placesPerSlot,
        @DefaultValue("0m") Duration buffer,
        @DefaultValue("2h") Duration minNotice,
        @DefaultValue("28d") Duration horizon,
        @DefaultValue("2h") Duration changeCutoff,
        @DefaultValue("3") int maxActive,
        @DefaultValue("5") int maxWaiting,
        @DefaultValue("2h") Duration offerTimeout,
        @DefaultValue("18:00") LocalTime dayBeforeAt,
        @DefaultValue("1h") Duration hourBefore,
        @DefaultValue("1m") Duration repairAfter,
        @DefaultValue("30s") Duration sweepInterval) {

    BookingProperties {
        if (slotLength.toMinutes() < 5 || placesPerSlot < 1 || maxActive < 1 || maxWaiting < 0
                || buffer.isNegative() || minNotice.isNegative() || changeCutoff.isNegative()) {
            throw new IllegalArgumentException("vc.booking: slot length >= 5m, places, max-active >= 1, no negative durations");
        }
    }
}
