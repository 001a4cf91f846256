package cn.villagecounsel.api.account;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token and sign-in settings.
 *
 * @param issuer the {@code iss} of our tokens
 * @param accessTokenTtl short, because access tokens cannot be revoked before they expire
 * @param refreshTokenTtl how long a refresh-token family lives without use
 * @param signingKey PKCS#8 PEM RSA private key (secret, from configuration); blank → {@code keyFile}
 * @param keyFile where the key is read from, and generated into when {@code generateKey} is on
 * @param generateKey create a key pair on first start (embedded run only; off under prod)
 * @param lockout how repeated wrong passwords lock a staff account
 */
@ConfigurationProperties("vc.security")
public record AccountProperties(
        @DefaultValue("village-counsel") String issuer,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        String signingKey,
        @DefaultValue("data/jwt-signing-key.pem") Path keyFile,
        @DefaultValue("false") boolean generateKey,
        @DefaultValue Lockout lockout) {

    /**
     * @param maxFailures wrong passwords within {@code window} that lock the account
     * @param window how long failures are counted
     * @param duration how long the lock lasts
     */
    public record Lockout(
            @DefaultValue("5") int maxFailures,
            @DefaultValue("15m") Duration window,
            @DefaultValue("15m") Duration duration) {
    }
}
