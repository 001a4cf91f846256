package cn.villagecounsel.api.advisor;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An advisor's profile. Both phones are stored encrypted: {@code phone} is private (admins see it
 * masked), {@code publicPhone} is the contact the advisor agreed to publish on the notice board.
 */
@Document("advisors")
public record Advisor(
        @Id String id,
        String name,
        String lawFirm,
        String licenceNo,
        String phone,
        String publicPhone,
        String serviceScope,
        @Indexed String regionCode,
        @Indexed(unique = true, sparse = true) String userId,
        String username,
        String photoId,
        Instant createdAt,
        Instant updatedAt,
        @Version Long version) {

    Advisor withPhoto(String newPhotoId, Instant now) {
        return new Advisor(id, name, lawFirm, licenceNo, phone, publicPhone, serviceScope, regionCode, userId, username,
                newPhotoId, createdAt, now, version);
    }
}
