package dev.lanyard.auth.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.lanyard.auth.key.KeyRing;
import dev.lanyard.auth.key.SigningKey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Mints OpenID-style id_tokens for the APIs that return one: {@code iss sub aud iat exp auth_time},
 * audience the client, header {@code typ: JWT}, signed with the issuer's active key so that clients
 * verify it with the same JWKS. An id_token tells the client who logged in; it is never accepted as an
 * access token (the access-token verifier requires {@code typ: at+jwt}).
 *
 * <pre>{@code
 * IdTokenIssuer ids = new IdTokenIssuer("https://auth.example", keyManager::current, clock);
 * String idToken = ids.issue(user.id(), "web-app", authTime, Duration.ofMinutes(15));
 * }</pre>
 */
public final class IdTokenIssuer {

    private final String issuer;
    private final Supplier<KeyRing> keys;
    private final Clock clock;

    /**
     * An issuer that signs with the active key of the ring {@code keys} supplies at each call.
     *
     * @param issuer the {@code iss} to write
     * @param keys   supplies the current ring, for example {@code keyManager::current}
     * @param clock  the clock for {@code iat} and {@code exp}
     * @throws NullPointerException when an argument is null
     */
    public IdTokenIssuer(String issuer, Supplier<KeyRing> keys, Clock clock) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A signed id_token for {@code subject}, addressed to {@code clientId}.
     *
     * @param subject  the user's id, the {@code sub}
     * @param clientId the client, the {@code aud}
     * @param authTime when the user authenticated, the {@code auth_time}
     * @param lifetime how long the id_token is valid
     * @return the compact JWS
     */
    public String issue(String subject, String clientId, Instant authTime, Duration lifetime) {
        Instant iat = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(clientId)
                .issueTime(Date.from(iat))
                .expirationTime(Date.from(iat.plus(lifetime)))
                .claim("auth_time", authTime.getEpochSecond())
                .build();
        SigningKey key = keys.get().active();
        return key.signCompact(JOSEObjectType.JWT.getType(), claims.toString());
    }
}
