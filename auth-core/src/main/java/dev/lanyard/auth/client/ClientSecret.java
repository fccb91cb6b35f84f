package dev.lanyard.auth.client;

import dev.lanyard.auth.internal.Checks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One of a client's secrets, stored only as a hash. A client may hold several at once so that a
 * secret can be rotated without downtime: add the new one, move the callers, revoke the old one.
 *
 * <pre>{@code
 * ClientSecret secret = new ClientSecret("s1", ClientSecrets.digest(generated), clock.instant());
 * }</pre>
 *
 * @param id        identifies the secret for rotation and revocation (never the secret itself)
 * @param hash      a {@code $sha256$} digest of a generated secret, or a password hash of a chosen one
 * @param createdAt when it was added, kept to the millisecond
 */
public record ClientSecret(String id, String hash, Instant createdAt) {

    /**
     * Checks the id and hash and cuts the creation time to milliseconds, as every store keeps it.
     *
     * @param id        identifies the secret for rotation and revocation (never the secret itself)
     * @param hash      a {@code $sha256$} digest of a generated secret, or a password hash of a chosen one
     * @param createdAt when it was added, kept to the millisecond
     * @throws IllegalArgumentException when the id or hash is blank, too long, or starts or ends with whitespace
     * @throws NullPointerException     when {@code createdAt} is null
     */
    public ClientSecret {
        Checks.name(id, "secret id", 64);
        Checks.name(hash, "secret hash", 512);
        // Milliseconds: what every store keeps, so a client compares equal after a round trip.
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public String toString() {
        return "ClientSecret[id=" + id + ", createdAt=" + createdAt + "]";
    }
}
