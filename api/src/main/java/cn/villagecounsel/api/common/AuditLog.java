package cn.villagecounsel.api.common;

import java.time.Instant;
import java.util.List;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Writes the audit log that DESIGN.md asks for (sign-ins, token misuse, every access by staff to
 * personal data). The request id comes from the Reactor context that {@link RequestIds} fills, so an
 * entry can be matched to the request and its logs.
 */
@Component
public class AuditLog {

    private final ReactiveMongoTemplate mongo;

    AuditLog(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * @param actor the user id, or the claimed username when nobody is signed in yet
     * @param action a stable dotted name such as {@code auth.login}
     * @param outcome a stable upper-case word such as {@code SUCCESS}, {@code FAILURE}
     */
    public Mono<Void> record(String actor, String action, String target, String outcome, List<String> regions) {
        return Mono.deferContextual(context -> mongo.insert(new AuditEntry(null, Instant.now(), actor, action, target,
                        outcome, regions == null ? List.of() : regions,
                        context.getOrDefault(RequestIds.CONTEXT_KEY, null))))
                .then();
    }
}
