package cn.villagecounsel.api.common;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One security-relevant event: who did what to which target, with what outcome, under which request.
 * Append-only; {@code regions} lets an admin later read only the entries of their region.
 */
@Document("audit_log")
public record AuditEntry(
        @Id String id,
        Instant at,
        String actor,
        String action,
        String target,
        String outcome,
        List<String> regions,
        String traceId) {
}
