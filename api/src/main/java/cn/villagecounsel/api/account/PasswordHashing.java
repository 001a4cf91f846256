package cn.villagecounsel.api.account;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Password hashing (bcrypt through Spring's delegating encoder, so the scheme can be upgraded) on
 * its own small scheduler: a hash costs tens of milliseconds of CPU, too long for an event loop.
 */
@Component
public class PasswordHashing {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    /** Compared against when the username is unknown, so both paths cost the same time. */
    private final String dummyHash = encoder.encode("no-such-user");
    private final Scheduler scheduler = Schedulers.newBoundedElastic(
            Math.max(2, Runtime.getRuntime().availableProcessors()), 1_000, "password-hashing");

    public Mono<String> hash(String password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(scheduler);
    }

    /** Checks a password; a null hash (unknown user) is checked against a dummy and never matches. */
    public Mono<Boolean> matches(String password, String hash) {
        return Mono.fromCallable(() -> {
            boolean matched = encoder.matches(password, hash == null ? dummyHash : hash);
            return matched && hash != null;
        }).subscribeOn(scheduler);
    }

    @PreDestroy
    void shutdown() {
        scheduler.dispose();
    }
}
