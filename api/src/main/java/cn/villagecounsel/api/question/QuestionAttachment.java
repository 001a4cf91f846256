package cn.villagecounsel.api.question;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A file uploaded for a question or an answer. It belongs to its uploader until a question takes it
 * ({@code questionId}); one not taken within a day is deleted.
 */
@Document("question_attachments")
record QuestionAttachment(@Id String id, String fileId, @Indexed String ownerId, Kind kind, String mediaType,
        long bytes, Instant createdAt, @Indexed String questionId, Instant takenAt) {

    enum Kind {
        IMAGE, VOICE, DOCUMENT
    }
}
