package dev.lanyard.auth.token;

import java.time.Instant;
import java.util.Objects;

/**
 * A freshly minted access token: its compact serialization (the secret a client presents), and the
 * facts a caller needs without parsing it again.
 *
 * <pre>{@code
 * IssuedToken token = issuer.issue(request);
 * long expiresIn = Duration.between(clock.instant(), token.expiresAt()).toSeconds();
 * log.info("issued token {}", token.jti()); // never log token.value()
 * }</pre>
 *
 * @param value     the compact JWS; a bearer secret, never to be logged
 * @param jti       the token id, safe to log and the key for revocation
 * @param issuedAt  the {@code iat} claim
 * @param expiresAt the {@code exp} claim
 */
public record IssuedToken(String value, String jti, Instant issuedAt, Instant expiresAt) {

    /**
     * Checks that every component is present.
     *
     * @param value     the compact JWS; a bearer secret, never to be logged
     * @param jti       the token id, safe to log and the key for revocation
     * @param issuedAt  the {@code iat} claim
     * @param expiresAt the {@code exp} claim
     * @throws NullPointerException when a component is null
     */
    public IssuedToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "IssuedToken[jti=" + jti + ", expiresAt=" + expiresAt + "]";
    }
}
