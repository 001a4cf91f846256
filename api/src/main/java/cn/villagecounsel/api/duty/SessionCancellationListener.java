package cn.villagecounsel.api.duty;

import cn.villagecounsel.api.common.CurrentUser;
import reactor.core.publisher.Mono;

/**
 * Told when staff cancel a session, so the people who booked it are told in turn. Called again when the same
 * cancellation is repeated, so an implementation must be idempotent (and a retry finishes an interrupted one).
 */
public interface SessionCancellationListener {

    Mono<Void> sessionCancelled(BookableSession session, CurrentUser by);
}
