package dev.lanyard.auth.admin;

import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.reference.ReferenceTokenStore;
import dev.lanyard.auth.refresh.RefreshTokenStore;
import dev.lanyard.auth.refresh.RefreshTokenStore.IssuedAccess;
import dev.lanyard.auth.token.RevocationList;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Ends a user's or a client's sessions at once, for the admin operations that must: disabling, deleting or
 * setting the password of a user, deleting a client. A user's refresh families are revoked, the live access
 * tokens issued from them go on the revocation list, and the user's opaque (reference) tokens are deleted;
 * a client's refresh families and their access tokens likewise. Works over the token-state stores alone, so
 * a CLI can use it on the data a server keeps, without a {@link dev.lanyard.auth.TokenService}.
 *
 * <pre>{@code
 * Sessions sessions = new Sessions(refreshStore, referenceStore, revocationList, AuthEvents.none(), Clock.systemUTC());
 * userAdmin.setEnabled(alice.id(), false);
 * Sessions.Ended ended = sessions.endUser(alice.id());   // her refresh and access tokens die now
 * sessions.endClient("my-app");                            // after clientAdmin.deleteClient("my-app")
 * }</pre>
 */
public final class Sessions {

    /**
     * What was ended.
     *
     * @param accessTokens    live access tokens of the revoked refresh families, now on the revocation list
     * @param referenceTokens opaque access tokens deleted
     */
    public record Ended(int accessTokens, int referenceTokens) {

        /**
         * Every token that stopped working now.
         *
         * @return the access and opaque tokens ended (the revoked refresh tokens themselves are not counted)
         */
        public int total() {
            return accessTokens + referenceTokens;
        }
    }

    private final RefreshTokenStore refreshTokens;
    private final ReferenceTokenStore referenceTokens;
    private final RevocationList revocations;
    private final AuthEvents events;
    private final Clock clock;

    /**
     * Sessions over the token-state stores of a {@link dev.lanyard.auth.TokenService}: the same instances
     * it was built with, so that what is ended here is refused there at once.
     *
     * @param refreshTokens   the refresh families
     * @param referenceTokens the opaque access tokens
     * @param revocations     where the jtis of the ended families' live access tokens go
     * @param events          gets one {@code TokensRevoked} event per call, with the count of access tokens
     * @param clock           what "live" is measured against
     */
    public Sessions(RefreshTokenStore refreshTokens, ReferenceTokenStore referenceTokens, RevocationList revocations,
                    AuthEvents events, Clock clock) {
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
        this.referenceTokens = Objects.requireNonNull(referenceTokens, "referenceTokens");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Ends every session of the user with this id (the tokens' subject).
     *
     * @param userId the user's id, as in the tokens' {@code sub}
     * @return how many access and opaque tokens stopped working
     */
    public Ended endUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        Instant now = clock.instant();
        int access = revoke("subject", userId, refreshTokens.revokeSubject(userId, now), now);
        return new Ended(access, referenceTokens.revokeSubject(userId));
    }

    /**
     * Ends the refresh families of a client and their access tokens. Opaque tokens are not touched: the
     * store cannot find them by client, so they live out their (short) lifetime.
     *
     * @param clientId the client whose refresh families end
     * @return how many access tokens stopped working (no opaque ones)
     */
    public Ended endClient(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        Instant now = clock.instant();
        return new Ended(revoke("client", clientId, refreshTokens.revokeClient(clientId, now), now), 0);
    }

    private int revoke(String scope, String id, List<IssuedAccess> access, Instant now) {
        for (IssuedAccess a : access) {
            revocations.revoke(a.jti(), a.expiresAt());
        }
        events.publish(new AuthEvent.TokensRevoked(now, scope, id, access.size()));
        return access.size();
    }
}
