package dev.lanyard.auth.internal;

import dev.lanyard.auth.Introspection;
import dev.lanyard.auth.IntrospectionPolicy;
import dev.lanyard.auth.UnauthorizedClientException;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.refresh.RefreshFamily;
import dev.lanyard.auth.refresh.RefreshTokens;
import dev.lanyard.auth.token.InvalidTokenException;
import dev.lanyard.auth.token.Scopes;
import dev.lanyard.auth.token.VerifiedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** RFC 7662 introspection for an authenticated confidential client, under the introspection policy. */
public final class Introspector {

    private static final Logger LOG = LoggerFactory.getLogger(Introspector.class);

    private final String issuer;
    private final Verification verification;
    private final RefreshTokens refreshTokens;
    private final IntrospectionPolicy policy;

    /** @param refreshTokens the refresh rotation, or null */
    public Introspector(String issuer, Verification verification, RefreshTokens refreshTokens, IntrospectionPolicy policy) {
        this.issuer = issuer;
        this.verification = verification;
        this.refreshTokens = refreshTokens;
        this.policy = policy;
    }

    /** Describes a token to the caller, or {@code active: false}. */
    public Introspection introspect(String token, Client caller) {
        if (!caller.confidential()) {
            throw new UnauthorizedClientException("only confidential clients may introspect tokens");
        }
        if (token == null || token.isEmpty()) {
            return Introspection.inactive();
        }
        VerifiedToken t;
        try {
            t = verification.inspect(token);
        } catch (InvalidTokenException e) {
            Optional<RefreshFamily> family = refreshTokens == null ? Optional.empty() : refreshTokens.familyOf(token)
                    .filter(f -> f.clientId().equals(caller.clientId()));
            return family.map(this::describe).orElse(Introspection.inactive());
        }
        if (!allowed(caller, t)) {
            return Introspection.inactive();
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("token_type", "Bearer");
        f.put("sub", t.subject());
        f.put("client_id", t.clientId());
        f.put("iss", t.issuer());
        f.put("aud", t.audience().size() == 1 ? t.audience().get(0) : t.audience());
        f.put("exp", t.expiresAt().getEpochSecond());
        f.put("iat", t.issuedAt().getEpochSecond());
        f.put("jti", t.jti());
        if (!t.scopes().isEmpty()) {
            f.put("scope", Scopes.join(t.scopes()));
        }
        t.claim("username").ifPresent(u -> f.put("username", u));
        return new Introspection(true, f);
    }

    /** A policy that throws has a bug: the caller learns nothing (fail closed) and the bug is logged. */
    private boolean allowed(Client caller, VerifiedToken t) {
        try {
            return policy.allows(caller, t.clientId(), List.copyOf(t.audience()));
        } catch (RuntimeException e) {
            LOG.warn("the introspection policy failed for client {} and token jti {}; answering active=false",
                    caller.clientId(), t.jti(), e);
            return false;
        }
    }

    /** A refresh token has no token_type (RFC 7662 2.2 means an access token's, which it is not). */
    private Introspection describe(RefreshFamily family) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("sub", family.subject());
        f.put("client_id", family.clientId());
        f.put("iss", issuer);
        f.put("exp", family.expiresAt().getEpochSecond());
        f.put("iat", family.createdAt().getEpochSecond());
        if (!family.scopes().isEmpty()) {
            f.put("scope", Scopes.join(family.scopes()));
        }
        return new Introspection(true, f);
    }
}
