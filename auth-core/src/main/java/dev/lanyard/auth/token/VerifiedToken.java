package dev.lanyard.auth.token;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An access token that passed every check: signature, header, issuer, audience, times and
 * revocation. Immutable; the same instance may be handed to many requests from the verifier's cache.
 *
 * <pre>{@code
 * VerifiedToken token = verifier.verify(bearer);
 * if (!token.hasScope("orders:write")) {
 *     throw new InsufficientScopeException("orders:write");
 * }
 * String user = token.subject();
 * }</pre>
 */
public final class VerifiedToken {

    private final String subject;
    private final String clientId;
    private final String issuer;
    private final List<String> audience;
    private final Set<String> scopes;
    private final String jti;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final String kid;
    private final Map<String, Object> claims;

    VerifiedToken(String subject, String clientId, String issuer, List<String> audience, Set<String> scopes,
                  String jti, Instant issuedAt, Instant expiresAt, String kid, Map<String, Object> claims) {
        this.subject = subject;
        this.clientId = clientId;
        this.issuer = issuer;
        this.audience = List.copyOf(audience);
        this.scopes = scopes;
        this.jti = jti;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.kid = kid;
        this.claims = Collections.unmodifiableMap(claims);
    }

    /**
     * A verified token from a source other than a JWT, for example an opaque reference token looked up
     * in a store. Only code that has itself established the token's validity may call this.
     *
     * @param subject   the {@code sub}
     * @param clientId  the client the token was issued to
     * @param issuer    the issuer that vouches for it
     * @param audience  the resource servers it is for
     * @param scopes    its scopes; copied in their order
     * @param jti       its id, the key for revocation
     * @param issuedAt  when it was issued
     * @param expiresAt when it expires
     * @param claims    every claim to expose; frozen into an unmodifiable copy
     * @return the token, without a {@link #kid()}
     */
    public static VerifiedToken of(String subject, String clientId, String issuer, List<String> audience,
                                   Set<String> scopes, String jti, Instant issuedAt, Instant expiresAt,
                                   Map<String, Object> claims) {
        return new VerifiedToken(subject, clientId, issuer, audience,
                java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(scopes)), jti, issuedAt, expiresAt,
                null, dev.lanyard.auth.internal.Json.freeze(claims));
    }

    /**
     * {@code sub}: the user, or the client itself for a client-credentials token.
     *
     * @return the subject, never null
     */
    public String subject() {
        return subject;
    }

    /**
     * {@code client_id}: the client the token was issued to.
     *
     * @return the client id
     */
    public String clientId() {
        return clientId;
    }

    /**
     * {@code iss}.
     *
     * @return the issuer, equal to the verifier's
     */
    public String issuer() {
        return issuer;
    }

    /**
     * {@code aud}, always as a list.
     *
     * @return an unmodifiable list; a single string {@code aud} becomes one element
     */
    public List<String> audience() {
        return audience;
    }

    /**
     * The scopes of the {@code scope} claim, in token order; empty when it has none.
     *
     * @return an unmodifiable set
     */
    public Set<String> scopes() {
        return scopes;
    }

    /**
     * Whether the token's {@code scope} claim holds this scope exactly.
     *
     * @param scope the scope, compared case-sensitively
     * @return true when the token carries it
     */
    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /**
     * {@code jti}: the token id, safe to log and the key for revocation.
     *
     * @return the token id
     */
    public String jti() {
        return jti;
    }

    /**
     * {@code iat}.
     *
     * @return when the token was issued
     */
    public Instant issuedAt() {
        return issuedAt;
    }

    /**
     * {@code exp}.
     *
     * @return when the token expires, as the claim says
     */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * The id of the key that signed it.
     *
     * @return the JWS header's {@code kid}; null for a token not from a JWT (see {@link #of})
     */
    public String kid() {
        return kid;
    }

    /**
     * Every claim of the token, as parsed: strings, numbers, booleans, lists and maps.
     *
     * @return an unmodifiable map of claim names to values
     */
    public Map<String, Object> claims() {
        return claims;
    }

    /**
     * One claim, if present.
     *
     * @param name the claim name
     * @return the claim's value as parsed; empty when the token lacks it
     */
    public Optional<Object> claim(String name) {
        return Optional.ofNullable(claims.get(name));
    }

    @Override
    public String toString() {
        return "VerifiedToken[jti=" + jti + ", sub=" + subject + ", client_id=" + clientId + "]";
    }
}
