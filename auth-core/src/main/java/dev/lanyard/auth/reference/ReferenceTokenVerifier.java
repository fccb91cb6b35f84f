package dev.lanyard.auth.reference;

import dev.lanyard.auth.internal.Secrets;
import dev.lanyard.auth.internal.UserClaims;
import dev.lanyard.auth.token.ExpiredTokenException;
import dev.lanyard.auth.token.MalformedTokenException;
import dev.lanyard.auth.token.RevocationList;
import dev.lanyard.auth.token.RevokedTokenException;
import dev.lanyard.auth.token.TokenVerifier;
import dev.lanyard.auth.token.VerifiedToken;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies opaque reference access tokens against their {@link ReferenceTokenStore}: the token must be
 * known by its digest, live (each {@linkplain #verify use} extends its idle timeout), not on the
 * revocation list by its id, and its user still enabled. The claims a JWT would carry about the user
 * ({@code username}, {@code roles}, {@code appId}) are read from the user store, since the store keeps
 * only the subject.
 *
 * <pre>{@code
 * ReferenceTokenVerifier verifier = ReferenceTokenVerifier.builder()
 *         .store(referenceTokenStore)
 *         .issuer("https://auth.example")
 *         .idleTimeout(Duration.ofMinutes(30))
 *         .revocations(revocationList)
 *         .users(userStore)
 *         .build();
 * VerifiedToken token = verifier.verify(bearerValue);
 * }</pre>
 *
 * <p>Thread-safe. A refused token is an {@link dev.lanyard.auth.token.InvalidTokenException} that never
 * echoes the token.
 */
public final class ReferenceTokenVerifier implements TokenVerifier {

    /** The longest token accepted; Lanyard's are 43 characters. */
    private static final int MAX_LENGTH = 512;

    private final ReferenceTokenStore store;
    private final String issuer;
    private final Duration idleTimeout;
    private final RevocationList revocations;
    private final UserStore users;
    private final Clock clock;

    private ReferenceTokenVerifier(Builder b) {
        this.store = b.store;
        this.issuer = b.issuer;
        this.idleTimeout = b.idleTimeout;
        this.revocations = b.revocations;
        this.users = b.users;
        this.clock = b.clock;
    }

    /**
     * Starts a builder; {@code store}, {@code issuer} and {@code idleTimeout} are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies a token and counts it as a use, which extends its idle timeout.
     *
     * @param token the token as presented
     * @return the verified token, expiring at its new idle deadline
     * @throws dev.lanyard.auth.token.InvalidTokenException when it is malformed, unknown, expired, revoked,
     *                                                      or its user disabled or gone
     */
    @Override
    public VerifiedToken verify(String token) {
        return verify(token, true);
    }

    /**
     * Verifies a token without counting it as a use (introspection, revocation): the idle timeout stays.
     *
     * @param token the token as presented
     * @return the verified token
     * @throws dev.lanyard.auth.token.InvalidTokenException as {@link #verify}
     */
    public VerifiedToken inspect(String token) {
        return verify(token, false);
    }

    private VerifiedToken verify(String token, boolean use) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            throw new MalformedTokenException("the token is empty or too long");
        }
        Instant now = clock.instant();
        String digest = Secrets.digest(token);
        Optional<ReferenceToken> live = use ? store.touch(digest, now, now.plus(idleTimeout))
                : store.find(digest).filter(t -> t.liveAt(now));
        ReferenceToken found = live.orElseThrow(() -> new ExpiredTokenException("the token is unknown, expired or logged out"));
        // A replayed code or a reused refresh token revokes the access tokens it issued by id, as for JWTs.
        if (revocations.isRevoked(found.id())) {
            store.revoke(digest);
            throw new RevokedTokenException("the token was revoked");
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", found.subject());
        claims.put("client_id", found.clientId());
        if (found.familyId() != null) {
            claims.put("sid", found.familyId()); // what logout revokes along with the token
        }
        claims.putAll(userClaims(found));
        return VerifiedToken.of(found.subject(), found.clientId(), issuer, List.of(issuer), found.scopes(), found.id(),
                found.issuedAt(), found.idleExpiresAt(), claims);
    }

    /** A user disabled or deleted since login ends the token. */
    private Map<String, Object> userClaims(ReferenceToken token) {
        if (users == null || token.subject().equals(token.clientId())) {
            return Map.of();
        }
        User user = users.findById(token.subject()).filter(User::enabled).orElseThrow(() -> {
            store.revoke(token.digest());
            return new RevokedTokenException("the user of this token is disabled or gone");
        });
        return UserClaims.of(user);
    }

    /** Builds a {@link ReferenceTokenVerifier}. */
    public static final class Builder {
        private ReferenceTokenStore store;
        private String issuer;
        private Duration idleTimeout;
        private RevocationList revocations = RevocationList.none();
        private UserStore users;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Where the tokens' digests live. Required.
         *
         * @param store the store
         * @return this builder
         */
        public Builder store(ReferenceTokenStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * The issuer, reported as the token's {@code iss} and {@code aud}. Required.
         *
         * @param issuer the issuer URL
         * @return this builder
         */
        public Builder issuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /**
         * How far each use extends a token's life (never past its absolute expiry). Required.
         *
         * @param idleTimeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException when it is not positive
         */
        public Builder idleTimeout(Duration idleTimeout) {
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            if (idleTimeout.isZero() || idleTimeout.isNegative()) {
                throw new IllegalArgumentException("idleTimeout must be positive");
            }
            this.idleTimeout = idleTimeout;
            return this;
        }

        /**
         * The revocation list checked by token id; default none.
         *
         * @param revocations the list
         * @return this builder
         */
        public Builder revocations(RevocationList revocations) {
            this.revocations = Objects.requireNonNull(revocations, "revocations");
            return this;
        }

        /**
         * The users, for the claims about them and to end the tokens of disabled users; default none.
         *
         * @param users the user store
         * @return this builder
         */
        public Builder users(UserStore users) {
            this.users = Objects.requireNonNull(users, "users");
            return this;
        }

        /**
         * The clock; default the system UTC clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the verifier.
         *
         * @return the thread-safe verifier
         * @throws IllegalStateException when {@code store}, {@code issuer} or {@code idleTimeout} is missing
         */
        public ReferenceTokenVerifier build() {
            if (store == null || issuer == null || idleTimeout == null) {
                throw new IllegalStateException("store(..), issuer(..) and idleTimeout(..) are required");
            }
            return new ReferenceTokenVerifier(this);
        }
    }
}
