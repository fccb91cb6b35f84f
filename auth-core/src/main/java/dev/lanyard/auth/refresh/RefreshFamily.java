package dev.lanyard.auth.refresh;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One login's chain of refresh tokens: bound to the client, the subject and the scopes granted at
 * login. Its absolute expiry is fixed at creation; rotations never extend it.
 *
 * <pre>{@code
 * RefreshFamily family = new RefreshFamily("f-123", "web-app", "alice", Set.of("orders:read"),
 *         now, now.plus(Duration.ofDays(30)), now, false);
 * }</pre>
 *
 * @param id        random family id
 * @param clientId  the client the tokens belong to; no other client may use them
 * @param subject   the user (or client) the tokens are about
 * @param scopes    the scopes granted at login; a refresh may narrow them, never widen
 * @param createdAt when the family began (the login)
 * @param expiresAt the absolute end of the family
 * @param authTime  when the user authenticated, for an id_token's {@code auth_time}
 * @param revoked   whether the family was revoked (reuse, logout, admin)
 */
public record RefreshFamily(String id, String clientId, String subject, Set<String> scopes, Instant createdAt,
                            Instant expiresAt, Instant authTime, boolean revoked) {

    /**
     * Checks the required components and copies the scopes.
     *
     * @param id        random family id
     * @param clientId  the client the tokens belong to; no other client may use them
     * @param subject   the user (or client) the tokens are about
     * @param scopes    the scopes granted at login; a refresh may narrow them, never widen
     * @param createdAt when the family began (the login)
     * @param expiresAt the absolute end of the family
     * @param authTime  when the user authenticated, for an id_token's {@code auth_time}
     * @param revoked   whether the family was revoked (reuse, logout, admin)
     * @throws NullPointerException when a component other than {@code revoked} is null
     */
    public RefreshFamily {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(subject, "subject");
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(scopes, "scopes")));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(authTime, "authTime");
    }

    /**
     * This family marked as revoked.
     *
     * @return a copy with {@code revoked} true; this one is unchanged
     */
    public RefreshFamily asRevoked() {
        return new RefreshFamily(id, clientId, subject, scopes, createdAt, expiresAt, authTime, true);
    }
}
