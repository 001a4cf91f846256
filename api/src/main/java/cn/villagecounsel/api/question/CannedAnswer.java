package cn.villagecounsel.api.question;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import cn.villagecounsel.api.common.LegalTopic;

/**
 * A canned answer (常用回复) that advisors start an answer from. A {@code PERSONAL} one belongs to one advisor's
 * account ({@code ownerId}, a user id); a {@code SHARED} one to a township or county ({@code regionCode}), kept by
 * that region's admins. Exactly one of the two is set. {@code revision} grows with every edit: an edit is one
 * conditional update on ({@code _id}, {@code revision}) as the editor read it, so a stale edit is refused, not lost.
 */
@Document("canned_answers")
@CompoundIndex(name = "owner_recent", def = "{'ownerId': 1, 'updatedAt': -1}")
@CompoundIndex(name = "region_recent", def = "{'regionCode': 1, 'updatedAt': -1}")
record CannedAnswer(
        @Id String id,
        Scope scope,
        String ownerId,
        String regionCode,
        String title,
        String text,
        LegalTopic topic,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        long revision) {

    enum Scope {
        PERSONAL("个人"),
        SHARED("共享");

        private final String label;

        Scope(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }
}
