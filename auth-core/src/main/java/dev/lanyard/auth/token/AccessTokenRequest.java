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
     */
    public static Builder builder(String subject, String clientId) {
        return new Builder(subject, clientId);
    }

    public String subject() {
        return subject;
    }

    public String clientId() {
        return clientId;
    }

    /** The granted scopes, in the order given. */
    public Set<String> scopes() {
        return scopes;
    }

    /** The audience; empty to use the issuer's default. */
    public List<String> audience() {
        return audience;
    }

    /** A lifetime for this token only; empty to use the issuer's. */
    public Optional<Duration> lifetime() {
        return Optional.ofNullable(lifetime);
    }

    /** A token id chosen in advance (so that it can be recorded before the token exists); empty for a random one. */
    public Optional<String> jti() {
        return Optional.ofNullable(jti);
    }

    /** Extra claims for this token. */
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

        /** Adds scopes; each must be a non-empty RFC 6749 scope token (no spaces or quotes). */
        public Builder scopes(Collection<String> scopes) {
            for (String s : Objects.requireNonNull(scopes, "scopes")) {
                this.scopes.add(Scopes.requireValid(s));
            }
            return this;
        }

        /** Sets the audience, replacing the issuer's default. */
        public Builder audience(String... audience) {
            for (String a : audience) {
                this.audience.add(requireText(a, "audience"));
            }
            return this;
        }

        /** A lifetime for this token only, positive. */
        public Builder lifetime(Duration lifetime) {
            if (lifetime == null || lifetime.isZero() || lifetime.isNegative()) {
                throw new IllegalArgumentException("lifetime must be positive");
            }
            this.lifetime = lifetime;
            return this;
        }

        /** Uses this token id instead of a random one; it must be unique and unguessable is not required. */
        public Builder jti(String jti) {
            this.jti = requireText(jti, "jti");
            return this;
        }

        /** Adds an extra claim; registered claim names are refused when the token is issued. */
        public Builder claim(String name, Object value) {
            claims.put(requireText(name, "claim name"), Objects.requireNonNull(value, "claim value"));
            return this;
        }

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
