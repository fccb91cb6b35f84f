package dev.lanyard.auth.refresh;

import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.internal.Secrets;
import dev.lanyard.auth.refresh.RefreshTokenEntry.State;
import dev.lanyard.auth.refresh.RefreshTokenStore.Found;
import dev.lanyard.auth.refresh.RefreshTokenStore.IssuedAccess;
import dev.lanyard.auth.token.RevocationList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Refresh tokens with rotation and reuse detection. A token is 256 random bits, handed out once and
 * stored only as a SHA-256 digest. Each login starts a family; every use rotates the token (the old
 * one dies, a new one is issued in the same family); presenting a rotated token again revokes the
 * whole family, its access tokens included, and raises
 * {@link dev.lanyard.auth.event.AuthEvent.RefreshTokenReused}.
 *
 * <p>Lifetimes: each family has an absolute lifetime that rotation never extends, and each token an
 * idle lifetime (a token unused for that long dies). A grace window ({@link #DEFAULT_GRACE_WINDOW},
 * 5 seconds, unless {@link Builder#graceWindow} says otherwise; zero turns it off) makes a retry of
 * the immediate predecessor idempotent: within it, while the successor is unused, the client gets the
 * very same successor pair back, never a second branch. That is for a client whose answer was lost
 * after the server completed the rotation; after the window a replay is reuse again.
 *
 * <pre>{@code
 * RefreshTokens refresh = RefreshTokens.builder()
 *         .store(new InMemoryRefreshTokenStore())
 *         .revocations(revocationList)
 *         .absoluteLifetime(Duration.ofDays(30))
 *         .idleLifetime(Duration.ofDays(7))
 *         .graceWindow(Duration.ofSeconds(10))
 *         .build();
 * String token = refresh.startFamily(clientId, subject, scopes, authTime, accessJti, accessExp, null);
 * RefreshTokens.Rotated next = refresh.rotate(token, clientId, family -> mintResponse(family));
 * }</pre>
 */
public final class RefreshTokens {

    /**
     * The grace window when none is given: long enough for a client to retry a refresh whose answer it
     * lost (a timeout, a dropped connection), short enough that a stolen predecessor is of no use.
     */
    public static final Duration DEFAULT_GRACE_WINDOW = Duration.ofSeconds(5);

    /**
     * Mints what is handed out with a new refresh token (the access token, an id_token...) for a family.
     * The result's payload is returned to the client and, sealed, kept for a retry in the grace window.
     */
    @FunctionalInterface
    public interface SuccessorIssuer {
        /**
         * Mints what goes with the family's next refresh token.
         *
         * @param family the family being rotated, with its client, subject and scopes
         * @return the access token's id and expiry, and the payload for the client
         */
        Successor issue(RefreshFamily family);
    }

    /**
     * What a {@link SuccessorIssuer} minted.
     *
     * @param accessTokenId   the access token's jti, revoked with the family
     * @param accessExpiresAt the access token's expiry
     * @param payload         the rest of the response (for example serialized JSON), opaque here
     */
    public record Successor(String accessTokenId, Instant accessExpiresAt, String payload) {
    }

    /**
     * The outcome of a rotation.
     *
     * @param refreshToken the new refresh token (the same one as before for a retry in the grace window)
     * @param payload      the issuer's payload that goes with it
     * @param family       the family
     * @param replay       whether this was a retry answered from the grace window
     */
    public record Rotated(String refreshToken, String payload, RefreshFamily family, boolean replay) {
        @Override
        public String toString() {
            return "Rotated[family=" + family.id() + ", replay=" + replay + "]";
        }
    }

    private final RefreshTokenStore store;
    private final RevocationList revocations;
    private final AuthEvents events;
    private final Clock clock;
    private final Duration absoluteLifetime;
    private final Duration idleLifetime;
    private final Duration graceWindow;

    private RefreshTokens(Builder b) {
        this.store = b.store;
        this.revocations = b.revocations;
        this.events = b.events;
        this.clock = b.clock;
        this.absoluteLifetime = b.absoluteLifetime;
        this.idleLifetime = b.idleLifetime;
        this.graceWindow = b.graceWindow;
    }

    /**
     * Starts a builder; {@code store(..)} is required.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a family at login and returns its first refresh token.
     *
     * @param clientId        the client the family belongs to
     * @param subject         the user (or client) the tokens are about
     * @param scopes          the scopes granted at login; a refresh may narrow them
     * @param authTime        when the user authenticated; null for now
     * @param accessTokenId   the jti of the access token issued with it, revoked with the family
     * @param accessExpiresAt that access token's expiry
     * @param lifetime an absolute lifetime for this family only (a client's own setting), or null
     * @return the refresh token, handed out once: only its digest is stored
     */
    public String startFamily(String clientId, String subject, Set<String> scopes, Instant authTime,
                              String accessTokenId, Instant accessExpiresAt, Duration lifetime) {
        return startFamily(newFamilyId(), clientId, subject, scopes, authTime, accessTokenId, accessExpiresAt, lifetime);
    }

    /**
     * A fresh family id, for callers that must record the family before starting it.
     *
     * @return a random id
     */
    public static String newFamilyId() {
        return Secrets.newId();
    }

    /**
     * Starts a family with an id chosen in advance by {@link #newFamilyId()}.
     *
     * @param familyId        the id from {@link #newFamilyId()}
     * @param clientId        the client the family belongs to
     * @param subject         the user (or client) the tokens are about
     * @param scopes          the scopes granted at login; a refresh may narrow them
     * @param authTime        when the user authenticated; null for now
     * @param accessTokenId   the jti of the access token issued with it, revoked with the family
     * @param accessExpiresAt that access token's expiry
     * @param lifetime        an absolute lifetime for this family only, or null for the default
     * @return the refresh token, handed out once: only its digest is stored
     */
    public String startFamily(String familyId, String clientId, String subject, Set<String> scopes, Instant authTime,
                              String accessTokenId, Instant accessExpiresAt, Duration lifetime) {
        Instant now = clock.instant();
        RefreshFamily family = new RefreshFamily(familyId, clientId, subject, scopes, now,
                now.plus(lifetime == null ? absoluteLifetime : lifetime), authTime == null ? now : authTime, false);
        String token = Secrets.newToken();
        store.createFamily(family, RefreshTokenEntry.active(Secrets.digest(token), family.id(), now,
                idleExpiry(now, family), accessTokenId, accessExpiresAt));
        return token;
    }

    /**
     * Rotates {@code token} for {@code clientId}: the token dies and a new one is issued with whatever
     * {@code issuer} mints. If another request rotated the token first (on this node or another), this
     * one gets the winner's pair when inside the grace window, and is treated as reuse otherwise.
     *
     * @param token    the presented refresh token
     * @param clientId the authenticated client presenting it
     * @param issuer   mints the access token and payload that go with the new refresh token
     * @return the new refresh token with the payload, or the earlier pair for a retry in the grace window
     * @throws InvalidRefreshTokenException when the token is unknown, expired, revoked or another client's
     * @throws RefreshTokenReusedException  when it was already rotated (the family is now revoked)
     */
    public Rotated rotate(String token, String clientId, SuccessorIssuer issuer) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(issuer, "issuer");
        if (token == null || token.isEmpty() || token.length() > 512) {
            throw new InvalidRefreshTokenException("the refresh token is missing or malformed");
        }
        String digest = Secrets.digest(token);
        Found found = store.find(digest)
                .orElseThrow(() -> new InvalidRefreshTokenException("the refresh token is unknown or expired"));
        if (!found.family().clientId().equals(clientId)) {
            throw new InvalidRefreshTokenException("the refresh token was issued to another client");
        }
        Instant now = clock.instant();
        if (found.token().state() == State.ACTIVE) {
            checkAlive(found, now);
            RefreshFamily family = found.family();
            Successor successor = Objects.requireNonNull(issuer.issue(family), "the successor issuer returned null");
            String next = Secrets.newToken();
            RefreshTokenEntry entry = RefreshTokenEntry.active(Secrets.digest(next), family.id(), now,
                    idleExpiry(now, family), successor.accessTokenId(), successor.accessExpiresAt());
            byte[] sealed = Secrets.seal(token, next + "\n" + successor.payload());
            if (store.rotate(digest, now, sealed, entry)) {
                events.publish(new AuthEvent.TokenRefreshed(now, family.id(), clientId, family.subject(), false));
                return new Rotated(next, successor.payload(), family, false);
            }
            // Lost the race: someone rotated this token between our read and our write.
            found = store.find(digest)
                    .orElseThrow(() -> new InvalidRefreshTokenException("the refresh token is unknown or expired"));
            if (found.token().state() == State.ACTIVE && !found.family().revoked()) {
                // The store refused for another reason (a clashing successor digest): not reuse, so the
                // family must not be revoked; the client may simply retry.
                throw new dev.lanyard.auth.StoreException("the refresh token could not be rotated; try again", null, true);
            }
        }
        return replayOrReuse(token, found, now);
    }

    /**
     * Revokes a family and its access tokens (a logout on one device).
     *
     * @param familyId the family's id
     * @return how many access tokens were put on the revocation list
     */
    public int revokeFamily(String familyId) {
        Instant now = clock.instant();
        return revoked("family", familyId, store.revokeFamily(familyId, now), now);
    }

    /**
     * Revokes the family a refresh token belongs to (RFC 7009 revocation of a refresh token); unknown
     * tokens and tokens of other clients are ignored, as RFC 7009 asks.
     *
     * @param token    the presented refresh token
     * @param clientId the authenticated client asking
     * @return whether a family was revoked
     */
    public boolean revokeByToken(String token, String clientId) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return false;
        }
        return store.find(Secrets.digest(token))
                .filter(f -> f.family().clientId().equals(clientId))
                .map(f -> {
                    revokeFamily(f.family().id());
                    return true;
                })
                .orElse(false);
    }

    /**
     * Revokes every family of a subject: log out everywhere.
     *
     * @param subject the user (or client) whose families end
     * @return how many access tokens were put on the revocation list
     */
    public int revokeSubject(String subject) {
        Instant now = clock.instant();
        return revoked("subject", subject, store.revokeSubject(subject, now), now);
    }

    /**
     * Revokes every family of a client.
     *
     * @param clientId the client whose families end
     * @return how many access tokens were put on the revocation list
     */
    public int revokeClient(String clientId) {
        Instant now = clock.instant();
        return revoked("client", clientId, store.revokeClient(clientId, now), now);
    }

    /**
     * Deletes expired families and tokens; call it periodically. Returns the number of tokens deleted.
     *
     * @return the number of tokens deleted
     */
    public int purge() {
        return store.purge(clock.instant());
    }

    /**
     * The family a live refresh token belongs to, without rotating it (for introspection).
     *
     * @param token the refresh token
     * @return the family; empty when the token is unknown, used, expired or revoked
     */
    public java.util.Optional<RefreshFamily> familyOf(String token) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return java.util.Optional.empty();
        }
        Instant now = clock.instant();
        return store.find(Secrets.digest(token))
                .filter(f -> f.token().state() == State.ACTIVE && !f.family().revoked()
                        && now.isBefore(f.token().idleExpiresAt()) && now.isBefore(f.family().expiresAt()))
                .map(Found::family);
    }

    private Rotated replayOrReuse(String token, Found found, Instant now) {
        RefreshTokenEntry entry = found.token();
        RefreshFamily family = found.family();
        if (entry.state() == State.REVOKED || family.revoked()) {
            throw new InvalidRefreshTokenException("the refresh token was revoked");
        }
        checkAlive(found, now);
        boolean inGrace = graceWindow.compareTo(Duration.ZERO) > 0 && entry.rotatedAt() != null
                && now.isBefore(entry.rotatedAt().plus(graceWindow));
        if (inGrace && isActive(entry.successorDigest())) {
            String opened = Secrets.open(token, entry.sealedSuccessor());
            int cut = opened.indexOf('\n');
            events.publish(new AuthEvent.TokenRefreshed(now, family.id(), family.clientId(), family.subject(), true));
            return new Rotated(opened.substring(0, cut), opened.substring(cut + 1), family, true);
        }
        revoked("family", family.id(), store.revokeFamily(family.id(), now), now);
        events.publish(new AuthEvent.RefreshTokenReused(now, family.id(), family.clientId(), family.subject()));
        throw new RefreshTokenReusedException(family.id());
    }

    private boolean isActive(String digest) {
        return digest != null && store.find(digest).map(f -> f.token().state() == State.ACTIVE).orElse(false);
    }

    private static void checkAlive(Found found, Instant now) {
        if (!now.isBefore(found.family().expiresAt())) {
            throw new InvalidRefreshTokenException("the refresh token's session has reached its absolute lifetime");
        }
        if (!now.isBefore(found.token().idleExpiresAt())) {
            throw new InvalidRefreshTokenException("the refresh token expired unused");
        }
    }

    private Instant idleExpiry(Instant now, RefreshFamily family) {
        Instant idle = now.plus(idleLifetime);
        return idle.isBefore(family.expiresAt()) ? idle : family.expiresAt();
    }

    private int revoked(String scope, String id, List<IssuedAccess> access, Instant now) {
        for (IssuedAccess a : access) {
            revocations.revoke(a.jti(), a.expiresAt());
        }
        events.publish(new AuthEvent.TokensRevoked(now, scope, id, access.size()));
        return access.size();
    }

    /** Builds {@link RefreshTokens}; each setting is checked at once. */
    public static final class Builder {
        private RefreshTokenStore store;
        private RevocationList revocations = RevocationList.none();
        private AuthEvents events = AuthEvents.none();
        private Clock clock = Clock.systemUTC();
        private Duration absoluteLifetime = Duration.ofDays(30);
        private Duration idleLifetime = Duration.ofDays(7);
        private Duration graceWindow = DEFAULT_GRACE_WINDOW;

        private Builder() {
        }

        /**
         * Required.
         *
         * @param store where families and token digests live; several nodes need a shared one
         * @return this builder
         */
        public Builder store(RefreshTokenStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Where the access tokens of a revoked family go; without one they live until they expire.
         *
         * @param revocations the list the verifiers consult
         * @return this builder
         */
        public Builder revocations(RevocationList revocations) {
            this.revocations = Objects.requireNonNull(revocations, "revocations");
            return this;
        }

        /**
         * Where rotations and reuse are reported; default nowhere.
         *
         * @param events the dispatcher to the listeners
         * @return this builder
         */
        public Builder events(AuthEvents events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        /**
         * The clock of every lifetime; default the system UTC clock.
         *
         * @param clock the clock to read; a fixed one in tests
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long a family lives at most, whatever its use; default 30 days.
         *
         * @param d the absolute lifetime, positive
         * @return this builder
         * @throws IllegalArgumentException when it is not positive
         */
        public Builder absoluteLifetime(Duration d) {
            this.absoluteLifetime = positive(d, "absoluteLifetime");
            return this;
        }

        /**
         * How long a token lives unused; default 7 days.
         *
         * @param d the idle lifetime, positive and not over the absolute lifetime
         * @return this builder
         * @throws IllegalArgumentException when it is not positive
         */
        public Builder idleLifetime(Duration d) {
            this.idleLifetime = positive(d, "idleLifetime");
            return this;
        }

        /**
         * How long a retry of the previous token gets the same pair back; default
         * {@link #DEFAULT_GRACE_WINDOW} (5 s), at most 60 s; {@link Duration#ZERO} turns it off.
         *
         * @param d the grace window, 0 to 60 seconds
         * @return this builder
         * @throws IllegalArgumentException when it is outside 0 to 60 seconds
         */
        public Builder graceWindow(Duration d) {
            if (d == null || d.isNegative() || d.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("graceWindow must be between 0 and 60 seconds, got " + d);
            }
            this.graceWindow = d;
            return this;
        }

        /**
         * Checks the settings together and builds the service.
         *
         * @return the thread-safe refresh-token service
         * @throws IllegalStateException without {@code store(..)}, or when the idle lifetime is longer than the absolute one
         */
        public RefreshTokens build() {
            if (store == null) {
                throw new IllegalStateException("store(..) is required");
            }
            if (idleLifetime.compareTo(absoluteLifetime) > 0) {
                throw new IllegalStateException("idleLifetime (" + idleLifetime + ") is longer than absoluteLifetime ("
                        + absoluteLifetime + ")");
            }
            return new RefreshTokens(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
