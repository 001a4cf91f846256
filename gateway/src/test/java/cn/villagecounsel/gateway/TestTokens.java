package cn.villagecounsel.gateway;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs access tokens like the api does (RS256, its claims) with a key whose JWK set the fake api serves, and forges
 * tokens with another key under the same key id.
 */
final class TestTokens {

	private static final String KEY_ID = "api-key-1";

	private final RSAKey apiKey = generate();

	private final RSAKey forgerKey = generate();

	String jwkSetJson() {
		return new JWKSet(this.apiKey.toPublicJWK()).toString();
	}

	String valid(String subject) {
		return sign(this.apiKey, subject, Instant.now());
	}

	/** Signed by the api's key, but issued and expired long enough ago to be past any clock-skew allowance. */
	String expired(String subject) {
		return sign(this.apiKey, subject, Instant.now().minusSeconds(3600));
	}

	String forged(String subject) {
		return sign(this.forgerKey, subject, Instant.now());
	}

	private static String sign(RSAKey key, String subject, Instant now) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.issuer("http://localhost:8081")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(900)))
			.jwtID(UUID.randomUUID().toString())
			.claim("roles", List.of("RESIDENT"))
			.claim("regions", List.of("621025100000"))
			.claim("name", "测试用户")
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).type(JOSEObjectType.JWT).build(), claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
