package dev.lanyard.auth.reference;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * An opaque (reference) access token as stored: its SHA-256 digest and what it grants. Session-style
 * APIs use these instead of JWTs: each use extends the idle expiry, and a logout kills the token at
 * once on every node.
 *
 * <pre>{@code
 * ReferenceToken t = new ReferenceToken(Secrets.digest(raw), "jti", "app", "alice", Set.of(),
 *         now, now.plus(idle), now.plus(Duration.ofHours(12)));
 * }</pre>
 *
 * @param digest        base64url SHA-256 of the token
 * @param id            a token id, safe to log (the equivalent of a JWT's jti)
 * @param clientId      the client it was issued to
 * @param subject       the user (or client) it is about
 * @param scopes        the granted scopes
 * @param issuedAt      when it was issued
 * @param idleExpiresAt when it dies unless used again
 * @param expiresAt     when it dies whatever its use
 * @param familyId      the refresh family issued with it (so that a logout ends both), or null
 */
public record ReferenceToken(String digest, String id, String clientId, String subject, Set<String> scopes,
                             Instant issuedAt, Instant idleExpiresAt, Instant expiresAt, String familyId) {

    /**
     * Checks the required components and copies the scopes.
     *
     * @param digest        base64url SHA-256 of the token
     * @param id            a token id, safe to log (the equivalent of a JWT's jti)
     * @param clientId      the client it was issued to
     * @param subject       the user (or client) it is about
     * @param scopes        the granted scopes
     * @param issuedAt      when it was issued
     * @param idleExpiresAt when it dies unless used again
     * @param expiresAt     when it dies whatever its use
     * @param familyId      the refresh family issued with it (so that a logout ends both), or null
     * @throws NullPointerException when a component other than {@code familyId} is null
     */
    public ReferenceToken {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(subject, "subject");
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(scopes, "scopes")));
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(idleExpiresAt, "idleExpiresAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * A token issued without a refresh family.
     *
     * @param digest        base64url SHA-256 of the token
     * @param id            a token id, safe to log
     * @param clientId      the client it was issued to
     * @param subject       the user (or client) it is about
     * @param scopes        the granted scopes
     * @param issuedAt      when it was issued
     * @param idleExpiresAt when it dies unless used again
     * @param expiresAt     when it dies whatever its use
     */
    public ReferenceToken(String digest, String id, String clientId, String subject, Set<String> scopes,
                          Instant issuedAt, Instant idleExpiresAt, Instant expiresAt) {
        this(digest, id, clientId, subject, scopes, issuedAt, idleExpiresAt, expiresAt, null);
    }

    /**
     * Whether it is usable at {@code now}.
     *
     * @param now the time of the use
     * @return true before both its idle and its absolute expiry
     */
    public boolean liveAt(Instant now) {
        return now.isBefore(idleExpiresAt) && now.isBefore(expiresAt);
    }

    /**
     * This token with another idle expiry.
     *
     * @param idle the new idle expiry; the caller keeps it within the absolute expiry
     * @return a copy; this token is unchanged
     */
    public ReferenceToken withIdleExpiry(Instant idle) {
        return new ReferenceToken(digest, id, clientId, subject, scopes, issuedAt, idle, expiresAt, familyId);
    }
}
