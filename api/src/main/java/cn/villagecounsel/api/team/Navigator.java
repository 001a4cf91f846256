package cn.villagecounsel.api.team;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One legal-savvy resident in one village's team. The phone is encrypted and published only with
 * {@code phoneConsent}; the invite code is kept only as a SHA-256 digest and removed once redeemed.
 */
@Document("navigators")
public record Navigator(
        @Id String id,
        @Indexed String villageCode,
        String name,
        NavigatorRole role,
        String phone,
        boolean phoneConsent,
        Status status,
        @Indexed(unique = true, sparse = true) String inviteHash,
        Instant inviteExpiresAt,
        @Indexed(sparse = true) String userId,
        Instant joinedAt,
        String createdBy,
        Instant createdAt,
        @Version Long version) {

    public enum Status {
        /** Added by an admin, invite code not yet redeemed. */
        INVITED,
        /** Signed in to the mini-program as the village's navigator. */
        ACTIVE
    }
}
