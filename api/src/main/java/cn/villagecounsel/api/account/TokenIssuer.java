package cn.villagecounsel.api.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.RandomIds;
import cn.villagecounsel.api.common.Role;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Signs access tokens and pairs them with refresh tokens. */
@Component
class TokenIssuer {

    private final JwtEncoder encoder;
    private final RefreshTokens refreshTokens;
    private final AccountProperties properties;
    private final Clock clock;

    TokenIssuer(JwtEncoder encoder, RefreshTokens refreshTokens, AccountProperties properties) {
        this.encoder = encoder;
        this.refreshTokens = refreshTokens;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** A fresh sign-in: a new refresh-token family. */
    Mono<TokenResponse> signIn(User user) {
        return Mono.zip(accessToken(user), refreshTokens.startFamily(user.id()))
                .map(tokens -> response(tokens.getT1(), tokens.getT2(), null));
    }

    /** A refresh: the next token of the same family. */
    Mono<TokenResponse> rotate(User user, String familyId) {
        return Mono.zip(accessToken(user), refreshTokens.issue(user.id(), familyId))
                .map(tokens -> response(tokens.getT1(), tokens.getT2(), null));
    }

    /** Client credentials get no refresh token (RFC 6749 §4.4.3): they can simply ask again. */
    Mono<TokenResponse> forClient(PartnerClient client) {
        String scope = String.join(" ", client.grantedScopes());
        return sign(client.clientId(), client.name(), List.of(Role.PARTNER.name()), client.regions(), scope)
                .map(token -> response(token, null, scope.isEmpty() ? null : scope));
    }

    private Mono<String> accessToken(User user) {
        return sign(user.id(), user.displayName(), user.roles().stream().map(Role::name).sorted().toList(),
                user.regions() == null ? List.of() : user.regions(), null);
    }

    /**
     * RSA signing costs about a millisecond of CPU and its blinding draws from the OS random source,
     * so it runs off the event loop.
     */
    private Mono<String> sign(String subject, String name, List<String> roles, List<String> regions, String scope) {
        return Mono.fromCallable(() -> encode(subject, name, roles, regions, scope))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private String encode(String subject, String name, List<String> roles, List<String> regions, String scope) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(properties.accessTokenTtl()))
                .id(RandomIds.id())
                .claim(CurrentUser.ROLES_CLAIM, roles)
                .claim(CurrentUser.REGIONS_CLAIM, regions)
                .claim(CurrentUser.NAME_CLAIM, name == null ? "" : name);
        if (scope != null && !scope.isEmpty()) {
            claims.claim(CurrentUser.SCOPE_CLAIM, scope); // RFC 9068: space-separated
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }

    private TokenResponse response(String accessToken, String refreshToken, String scope) {
        return new TokenResponse(accessToken, "Bearer", properties.accessTokenTtl().toSeconds(), refreshToken, scope);
    }
}
