package dev.lanyard.auth.token;

import dev.lanyard.auth.internal.Json;
import dev.lanyard.auth.internal.jws.CompactJws;
import dev.lanyard.auth.key.SigningKey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.lanyard.auth.internal.jws.JwsClaims.audience;
import static dev.lanyard.auth.internal.jws.JwsClaims.optionalTime;
import static dev.lanyard.auth.internal.jws.JwsClaims.requireString;
import static dev.lanyard.auth.internal.jws.JwsClaims.requireTime;

/**
 * The RFC 9068 claims profile of an access token, checked after its signature verified: {@code iss}
 * exact, {@code aud} holding this resource server, {@code sub jti client_id exp iat} present,
 * {@code exp}, {@code nbf} and {@code iat} within the clock skew, {@code jti} not revoked.
 */
final class AccessTokenClaims implements CompactJws.Payload<VerifiedToken> {

    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final Duration skew;
    private final RevocationList revocations;

    AccessTokenClaims(String issuer, String audience, Clock clock, Duration skew, RevocationList revocations) {
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
        this.skew = skew;
        this.revocations = revocations;
    }

    @Override
    public VerifiedToken check(Map<String, Object> claims, SigningKey key) {
        String iss = requireString(claims, "iss");
        if (!issuer.equals(iss)) {
            throw new InvalidClaimException("iss is not the expected issuer " + issuer);
        }
        List<String> aud = audience(claims, "the token has no 'aud'; RFC 9068 requires one");
        if (!aud.contains(audience)) {
            throw new InvalidClaimException("aud does not include this resource server, " + audience);
        }
        String sub = requireString(claims, "sub");
        String jti = requireString(claims, "jti");
        String clientId = requireString(claims, "client_id");
        Instant exp = requireTime(claims, "exp");
        Instant iat = requireTime(claims, "iat");
        Instant nbf = optionalTime(claims, "nbf");
        Object scope = claims.get("scope");
        if (scope != null && !(scope instanceof String)) {
            throw new MalformedTokenException("the claim 'scope' must be a space-separated string");
        }
        Instant now = clock.instant();
        if (nbf != null && nbf.minus(skew).isAfter(now)) {
            throw new PrematureTokenException("the token is not valid before " + nbf + " (nbf)");
        }
        if (iat.minus(skew).isAfter(now)) {
            throw new PrematureTokenException("the token claims to be issued in the future (iat " + iat + ")");
        }
        VerifiedToken token = new VerifiedToken(sub, clientId, iss, aud, Scopes.parse((String) scope), jti, iat, exp,
                key.kid(), Json.freeze(claims));
        checkStillValid(token, now);
        return token;
    }

    /** What a cached token must still pass on every hit: not expired, not revoked. */
    void checkStillValid(VerifiedToken token, Instant now) {
        if (!now.isBefore(token.expiresAt().plus(skew))) {
            throw new ExpiredTokenException("the token expired at " + token.expiresAt());
        }
        if (revocations.isRevoked(token.jti())) {
            throw new RevokedTokenException("the token " + token.jti() + " was revoked");
        }
    }
}
