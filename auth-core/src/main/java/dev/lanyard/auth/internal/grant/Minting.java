package dev.lanyard.auth.internal.grant;

import dev.lanyard.auth.ServerErrorException;
import dev.lanyard.auth.UnauthorizedClientException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.grant.AuthorizationCodeStore;
import dev.lanyard.auth.internal.Secrets;
import dev.lanyard.auth.reference.ReferenceToken;
import dev.lanyard.auth.reference.ReferenceTokenStore;
import dev.lanyard.auth.refresh.RefreshTokens;
import dev.lanyard.auth.token.AccessTokenIssuer;
import dev.lanyard.auth.token.AccessTokenRequest;
import dev.lanyard.auth.token.IdTokenIssuer;
import dev.lanyard.auth.token.IssuedToken;
import dev.lanyard.auth.token.RevocationList;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserAuthenticator;
import dev.lanyard.auth.user.UserStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the grants share: the configured parts, and how a grant turns a subject and scopes into
 * a token response (access token as JWT or reference, refresh family, id_token).
 *
 * @param accessTokens         mints JWT access tokens
 * @param referenceTokens      the store of opaque access tokens, or null to mint JWTs
 * @param referenceIdleTimeout the idle timeout of opaque access tokens
 * @param idTokens             mints id_tokens, or null when the service issues none
 * @param refreshTokens        refresh rotation, or null when the service issues no refresh tokens
 * @param revocations          the access-token revocation list
 * @param codes                authorization codes, or null when the code grant is off
 * @param users                the user store, or null without users
 * @param userAuthenticator    checks passwords, or null without users
 * @param accessLifetime       the default access-token lifetime
 * @param refreshForClients    whether client_credentials also issues a refresh token
 * @param events               where TokenIssued goes
 * @param clock                the clock
 */
public record Minting(AccessTokenIssuer accessTokens, ReferenceTokenStore referenceTokens,
                      Duration referenceIdleTimeout, IdTokenIssuer idTokens, RefreshTokens refreshTokens,
                      RevocationList revocations, AuthorizationCodeStore codes, UserStore users, UserAuthenticator userAuthenticator,
                      Duration accessLifetime, boolean refreshForClients, AuthEvents events, Clock clock) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An access token just minted.
     *
     * @param expiresAt  when it dies whatever its use: what revocation entries must outlive
     * @param usableUntil when it dies unless used (a reference token's idle deadline, else {@code expiresAt}):
     *                   what {@code expires_in} reports
     */
    record Access(String value, String id, Instant expiresAt, Instant usableUntil) {
    }

    /** The lifetime of a client's access tokens. */
    Duration accessLifetime(Client client) {
        return client.accessTokenLifetime().orElse(accessLifetime);
    }

    /**
     * Mints an access token.
     *
     * @param user     the user it is about, or null for a client's own token
     * @param familyId the refresh family it belongs to (carried as {@code sid}), or null
     * @param jti      a token id chosen in advance, or null
     */
    Access mintAccess(Client client, String subject, User user, Set<String> scopes, String familyId, String jti) {
        return mintAccess(client, subject, user, scopes, familyId, jti, accessLifetime(client));
    }

    /** Mints an access token of the given lifetime. */
    Access mintAccess(Client client, String subject, User user, Set<String> scopes, String familyId, String jti,
                      Duration lifetime) {
        refuseUserSubject(client, subject, user);
        String id = jti == null ? Secrets.newId() : jti;
        if (referenceTokens != null) {
            String raw = Secrets.newToken();
            Instant now = clock.instant();
            Instant expires = now.plus(lifetime);
            Instant idle = now.plus(referenceIdleTimeout).isBefore(expires) ? now.plus(referenceIdleTimeout) : expires;
            referenceTokens.save(new ReferenceToken(Secrets.digest(raw), id, client.clientId(), subject, scopes, now,
                    idle, expires, familyId));
            return new Access(raw, id, expires, idle);
        }
        AccessTokenRequest.Builder request = AccessTokenRequest.builder(subject, client.clientId())
                .scopes(scopes).lifetime(lifetime).jti(id);
        claimsOf(client, user, familyId).forEach(request::claim);
        IssuedToken token = accessTokens.issue(request.build());
        return new Access(token.value(), token.jti(), token.expiresAt(), token.expiresAt());
    }

    /**
     * A client's own token carries {@code sub} = its client id. Should a user have that id too (a user
     * imported with a chosen id, a client created with a user's), the token would be taken for the user's
     * by every resource server keyed by {@code sub}: refuse it, whatever created the two.
     */
    private void refuseUserSubject(Client client, String subject, User user) {
        if (user == null && users != null && users.findById(subject).isPresent()) {
            throw new UnauthorizedClientException("client " + client.clientId()
                    + " has the id of a user; its own tokens would be taken for that user's");
        }
    }

    /**
     * Whole seconds from now until {@code then}, rounded up: {@code exp} is cut to whole seconds while
     * now is not, so rounding down would answer 3599 for a token of an hour.
     */
    private long secondsUntil(Instant then) {
        long millis = Duration.between(clock.instant(), then).toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }

    /** The claims beyond RFC 9068's that whoami endpoints and the Bearer filter use. */
    static Map<String, Object> claimsOf(Client client, User user, String familyId) {
        Map<String, Object> claims = new LinkedHashMap<>();
        if (user != null) {
            claims.put("username", user.username());
            if (!user.roles().isEmpty()) {
                claims.put("roles", List.copyOf(user.roles()));
            }
            user.appId().ifPresent(a -> claims.put("appId", a));
        } else {
            client.appId().ifPresent(a -> claims.put("appId", a));
        }
        if (familyId != null) {
            claims.put("sid", familyId);
        }
        return claims;
    }

    /**
     * Issues a full response for a login (a new family when the client may refresh).
     *
     * @param withRefresh whether a refresh token is wanted (the grant's own rule)
     * @param familyId    a family id chosen in advance, or null
     * @param jti         an access-token id chosen in advance, or null
     */
    TokenResponse issue(String grantType, Client client, String subject, User user, Set<String> scopes,
                        Instant authTime, boolean withRefresh, String familyId, String jti) {
        return issue(grantType, client, subject, user, scopes, authTime, withRefresh, familyId, jti,
                accessLifetime(client));
    }

    /** {@link #issue} with the access token's lifetime chosen by the caller. */
    TokenResponse issue(String grantType, Client client, String subject, User user, Set<String> scopes,
                        Instant authTime, boolean withRefresh, String familyId, String jti, Duration lifetime) {
        boolean refresh = withRefresh && refreshTokens != null && client.allowsGrant("refresh_token");
        String family = refresh ? (familyId == null ? RefreshTokens.newFamilyId() : familyId) : null;
        Access access = mintAccess(client, subject, user, scopes, family, jti, lifetime);
        String refreshToken = null;
        Long refreshExpiresIn = null;
        if (refresh) {
            Duration refreshLifetime = client.refreshTokenLifetime().orElse(null);
            refreshToken = refreshTokens.startFamily(family, client.clientId(), subject, scopes, authTime, access.id(),
                    access.expiresAt(), refreshLifetime);
            refreshExpiresIn = refreshTokens.familyOf(refreshToken)
                    .map(f -> secondsUntil(f.expiresAt())).orElse(null);
        }
        String idToken = user != null && idTokens != null
                ? idTokens.issue(subject, client.clientId(), authTime, accessLifetime(client)) : null;
        events.publish(new AuthEvent.TokenIssued(clock.instant(), grantType, client.clientId(), subject, access.id()));
        return response(access, refreshToken, refreshExpiresIn, scopes, idToken, subject, client);
    }

    TokenResponse response(Access access, String refreshToken, Long refreshExpiresIn, Set<String> scopes,
                           String idToken, String subject, Client client) {
        long expiresIn = secondsUntil(access.usableUntil());
        return new TokenResponse(access.value(), "Bearer", expiresIn, refreshToken, refreshExpiresIn,
                new LinkedHashSet<>(scopes), idToken, subject, client.clientId(), access.id());
    }

    /** Serializes a response without its refresh token, to be sealed for a retry in the grace window. */
    static String toPayload(TokenResponse r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("access_token", r.accessToken());
        m.put("expires_in", r.expiresIn());
        m.put("refresh_expires_in", r.refreshExpiresIn());
        m.put("scope", List.copyOf(r.scopes()));
        m.put("id_token", r.idToken());
        m.put("sub", r.subject());
        m.put("client_id", r.clientId());
        m.put("jti", r.accessTokenId());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a token response", e);
        }
    }

    /** The inverse of {@link #toPayload}, with the refresh token put back. */
    @SuppressWarnings("unchecked")
    static TokenResponse fromPayload(String payload, String refreshToken) {
        try {
            Map<String, Object> m = JSON.readValue(payload, Map.class);
            Number refreshIn = (Number) m.get("refresh_expires_in");
            return new TokenResponse((String) m.get("access_token"), "Bearer", ((Number) m.get("expires_in")).longValue(),
                    refreshToken, refreshIn == null ? null : refreshIn.longValue(),
                    new LinkedHashSet<>((List<String>) m.get("scope")), (String) m.get("id_token"), (String) m.get("sub"),
                    (String) m.get("client_id"), (String) m.get("jti"));
        } catch (JsonProcessingException | ClassCastException e) {
            throw new ServerErrorException("a stored token response cannot be read", "a stored token response cannot be read", e);
        }
    }
}
