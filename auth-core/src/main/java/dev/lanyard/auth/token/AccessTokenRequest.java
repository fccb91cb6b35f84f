package dev.lanyard.auth.token;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an access token is for: who it is about ({@code sub}), which client holds it
 * ({@code client_id}), its scopes, and optionally its audience, lifetime and extra claims. Immutable.
 *
 * <pre>{@code
 * AccessTokenRequest request = AccessTokenRequest.builder("alice", "web-app")
 *         .scopes(List.of("orders:read", "orders:write"))
 *         .claim("appId", "shop")
 *         .build();
 * }</pre>
 */
public final class AccessTokenRequest {

    private final String subject;
    private final String clientId;
    private final Set<String> scopes;
    private final List<String> audience;
    private final Duration lifetime;
    private final Map<String, Object> claims;
    private final String jti;

    private AccessTokenRequest(Builder b) {
        this.jti = b.jti;
        this.subject = b.subject;
        this.clientId = b.clientId;
        this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(b.scopes));
        this.audience = List.copyOf(b.audience);
        this.lifetime = b.lifetime;
        this.claims = Collections.unmodifiableMap(new LinkedHashMap<>(b.claims));
    }

    /**
     * Starts a request for a token about {@code subject} held by {@code clientId}. For a
     * client-credentials token the subject is the client id itself.
     *
     * @param subject  the {@code sub} claim: a user id, or the client id; not blank
     * @param clientId the {@code client_id} claim: the client the token is issued to; not blank
     * @return a builder with no scopes, audience, lifetime or extra claims
     * @throws IllegalArgumentException when either is null or blank
     */
    public static Builder builder(String subject, String clientId) {
        return new Builder(subject, clientId);
    }

    /**
     * Who the token is about.
     *
     * @return the {@code sub} claim, never blank
     */
    public String subject() {
        return subject;
    }

    /**
     * The client that holds the token.
     *
     * @return the {@code client_id} claim, never blank
     */
    public String clientId() {
        return clientId;
    }

    /**
     * The granted scopes, in the order given.
     *
     * @return an unmodifiable set; empty for a token without a {@code scope} claim
     */
    public Set<String> scopes() {
        return scopes;
    }

    /**
     * The audience of this token.
     *
     * @return an unmodifiable list; empty to use the issuer's default
     */
    public List<String> audience() {
        return audience;
    }

    /**
     * A lifetime for this token only.
     *
     * @return the lifetime; empty to use the issuer's
     */
    public Optional<Duration> lifetime() {
        return Optional.ofNullable(lifetime);
    }

    /**
     * A token id chosen in advance, so that it can be recorded before the token exists.
     *
     * @return the {@code jti} to use; empty for a random one
     */
    public Optional<String> jti() {
        return Optional.ofNullable(jti);
    }

    /**
     * Extra claims for this token.
     *
     * @return an unmodifiable map in the order given; empty when there are none
     */
    public Map<String, Object> claims() {
        return claims;
    }

    /** Builds an {@link AccessTokenRequest}. */
    public static final class Builder {
        private final String subject;
        private final String clientId;
        private final Set<String> scopes = new LinkedHashSet<>();
        private final List<String> audience = new ArrayList<>();
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private Duration lifetime;
        private String jti;

        private Builder(String subject, String clientId) {
            this.subject = requireText(subject, "subject");
            this.clientId = requireText(clientId, "clientId");
        }

        /**
         * Adds scopes; each must be a non-empty RFC 6749 scope token (no spaces or quotes).
         *
         * @param scopes the scopes to add to those already given; duplicates are kept once
         * @return this builder
         * @throws NullPointerException     when {@code scopes} is null
         * @throws IllegalArgumentException when a scope is not a valid scope token
         */
        public Builder scopes(Collection<String> scopes) {
            for (String s : Objects.requireNonNull(scopes, "scopes")) {
                this.scopes.add(Scopes.requireValid(s));
            }
            return this;
        }

        /**
         * Sets the audience, replacing the issuer's default.
         *
         * @param audience the values to add, each non-blank; none keeps the issuer's default
         * @return this builder
         * @throws IllegalArgumentException when a value is null or blank
         */
        public Builder audience(String... audience) {
            for (String a : audience) {
                this.audience.add(requireText(a, "audience"));
            }
            return this;
        }

        /**
         * A lifetime for this token only, replacing the issuer's default.
         *
         * @param lifetime the lifetime, positive
         * @return this builder
         * @throws IllegalArgumentException when {@code lifetime} is null, zero or negative
         */
        public Builder lifetime(Duration lifetime) {
            if (lifetime == null || lifetime.isZero() || lifetime.isNegative()) {
                throw new IllegalArgumentException("lifetime must be positive");
            }
            this.lifetime = lifetime;
            return this;
        }

        /**
         * Uses this token id instead of a random one; it must be unique, but need not be unguessable.
         *
         * @param jti the {@code jti} claim; not blank
         * @return this builder
         * @throws IllegalArgumentException when {@code jti} is null or blank
         */
        public Builder jti(String jti) {
            this.jti = requireText(jti, "jti");
            return this;
        }

        /**
         * Adds an extra claim; registered claim names are refused when the token is issued.
         *
         * @param name  the claim name; not blank
         * @param value the claim value, any JSON-serializable object; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code name} is null or blank
         * @throws NullPointerException     when {@code value} is null
         */
        public Builder claim(String name, Object value) {
            claims.put(requireText(name, "claim name"), Objects.requireNonNull(value, "claim value"));
            return this;
        }

        /**
         * Builds the request.
         *
         * @return an immutable request
         */
        public AccessTokenRequest build() {
            return new AccessTokenRequest(this);
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
