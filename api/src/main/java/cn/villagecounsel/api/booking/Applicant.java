package cn.villagecounsel.api.booking;

import cn.villagecounsel.api.booking.Booking.Consent;
import cn.villagecounsel.api.common.LegalTopic;
import cn.villagecounsel.api.duty.DutyMode;

/**
 * Who asks for a consultation and about what, checked and ready to store: the same for a booking and a
 * waitlist place, which turns into a booking when its offer is accepted. {@code personPhone} is encrypted.
 */
record Applicant(String villageCode, LegalTopic topic, String description, DutyMode mode, String personKey,
        String personUserId, String personName, String personPhone, String bookedBy, String bookedByName,
        boolean forNeighbour, Consent consent) {
}
