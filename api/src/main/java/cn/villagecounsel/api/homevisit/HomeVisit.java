package cn.villagecounsel.api.homevisit;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One home-visit request. {@code address}, {@code reason} (it may describe an illness) and {@code contactPhone} are encrypted with {@code FieldCipher}. {@code revision} grows with
 * every change: a state change is one {@code findAndModify} on ({@code _id}, {@code status}, {@code revision}) as
 * read, so of two staff acting at once exactly one wins. {@code queueRank} keeps the staff list's urgency order in
 * an index: 0 an open request of a seriously ill person, 1 any other open request, 2 everything else.
 * {@code scheduleVersion} counts (re-)schedulings and names each schedule's notifications.
 */
@Document("home_visits")
@CompoundIndex(name = "requester_key", def = "{'requesterId': 1, 'idempotencyKey': 1}", unique = true)
@CompoundIndex(name = "requester_newest", def = "{'requesterId': 1, '_id': -1}")
@CompoundIndex(name = "village_queue", def = "{'villageCode': 1, 'queueRank': 1, '_id': 1}")
record HomeVisit(
        @Id String id,
        String requesterId,
        String idempotencyKey,
        String villageCode,
        String address,
        String reason,
        Eligibility eligibility,
        String contactName,
        String contactPhone,
        String preferredTimes,
        boolean forNeighbour,
        Consent consent,
        HomeVisitStatus status,
        int queueRank,
        String advisorId,
        String advisorName,
        Instant startAt,
        Instant endAt,
        String scheduleNote,
        int scheduleVersion,
        String declineReason,
        String cancelReason,
        String completionNote,
        long revision,
        Instant createdAt,
        Instant updatedAt,
        List<Step> history) {

    static final int URGENT = 0;
    static final int WAITING = 1;
    static final int SETTLED = 2;

    static int rankOf(HomeVisitStatus status, Eligibility eligibility) {
        if (status != HomeVisitStatus.REQUESTED) {
            return SETTLED;
        }
        return eligibility == Eligibility.SERIOUSLY_ILL ? URGENT : WAITING;
    }

    /** The neighbour's consent when a legal-savvy resident asks for them. */
    record Consent(ConsentMethod method, String note) {
    }

    /** One entry of the history: the status reached, by whom (user id), when, and the note given. */
    record Step(HomeVisitStatus status, String by, Instant at, String note) {
    }
}
