package dev.lanyard.auth.internal.grant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.auth.ServerErrorException;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.UnauthorizedClientException;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.internal.Secrets;
import dev.lanyard.auth.internal.UserClaims;
import dev.lanyard.auth.reference.ReferenceToken;
import dev.lanyard.auth.reference.ReferenceTokenStore;
import dev.lanyard.auth.refresh.RefreshTokens;
import dev.lanyard.auth.token.AccessTokenIssuer;
import dev.lanyard.auth.token.AccessTokenRequest;
import dev.lanyard.auth.token.IdTokenIssuer;
import dev.lanyard.auth.token.IssuedToken;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How every grant turns a subject and scopes into tokens: the access token (JWT or reference), the
 * refresh family, the id_token, the {@code TokenIssued} event. Minting an access token is two steps,
 * {@link #prepare} (nothing is stored or announced) and {@link #commit} (the reference token's row
 * and the event), so that a refresh can commit only once its rotation has won.
 */
public final class Minter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AccessTokenIssuer jwt;
    private final ReferenceTokenStore referenceTokens;
    private final Duration referenceIdleTimeout;
    private final IdTokenIssuer idTokens;
    private final RefreshTokens refreshTokens;
    private final UserStore users;
    private final AuthEvents events;
    private final Duration defaultLifetime;
    private final Clock clock;

    /** Where access tokens go: JWTs by default, or reference tokens in a store with an idle timeout. */
    public record ReferenceTokens(ReferenceTokenStore store, Duration idleTimeout) {
    }

    /**
     * @param reference the reference tokens, or null to mint JWTs
     * @param idTokens  the id_token issuer, or null when the service issues none
     * @param refresh   refresh rotation, or null when the service issues no refresh tokens
     * @param users     the users, or null
     */
    public Minter(AccessTokenIssuer jwt, ReferenceTokens reference, IdTokenIssuer idTokens, RefreshTokens refresh,
                  UserStore users, AuthEvents events, Duration defaultLifetime, Clock clock) {
        this.jwt = Objects.requireNonNull(jwt, "jwt");
        this.referenceTokens = reference == null ? null : reference.store();
        this.referenceIdleTimeout = reference == null ? null : reference.idleTimeout();
        this.idTokens = idTokens;
        this.refreshTokens = refresh;
        this.users = users;
        this.events = events;
        this.defaultLifetime = defaultLifetime;
        this.clock = clock;
    }

    /**
     * An access token minted but not yet committed.
     *
     * @param expiresAt   when it dies whatever its use: what revocation entries must outlive
     * @param usableUntil when it dies unless used (a reference token's idle deadline, else {@code expiresAt}):
     *                    what {@code expires_in} reports
     * @param row         the reference token's row to save at commit; null for a JWT
     */
    record Access(String value, String id, Instant expiresAt, Instant usableUntil, ReferenceToken row) {
    }

    /** What one issuance is made of; see {@link dev.lanyard.auth.grant.Issuance}. */
    record Spec(String grantType, Client client, User user, Set<String> scopes, Instant authTime, boolean refresh,
                String familyId, String jti, Duration lifetime) {
        String subject() {
            return user != null ? user.id() : client.clientId();
        }
    }

    Clock clock() {
        return clock;
    }

    Duration defaultLifetime() {
        return defaultLifetime;
    }

    /** The lifetime of a client's access tokens. */
    Duration accessLifetime(Client client) {
        return client.accessTokenLifetime().orElse(defaultLifetime);
    }

    /** Issues a full response: access token, a new family when wanted and allowed, an id_token for a user. */
    TokenResponse issue(Spec s) {
        boolean refresh = s.refresh() && refreshTokens != null && s.client().allowsGrant("refresh_token");
        String family = refresh ? (s.familyId() == null ? RefreshTokens.newFamilyId() : s.familyId()) : null;
        Access access = prepare(s.client(), s.user(), s.scopes(), family, s.jti(),
                s.lifetime() == null ? accessLifetime(s.client()) : s.lifetime());
        commit(access);
        String refreshToken = null;
        Long refreshExpiresIn = null;
        if (refresh) {
            Duration refreshLifetime = s.client().refreshTokenLifetime().orElse(null);
            refreshToken = refreshTokens.startFamily(family, s.client().clientId(), s.subject(), s.scopes(), s.authTime(),
                    access.id(), access.expiresAt(), refreshLifetime);
            refreshExpiresIn = refreshTokens.familyOf(refreshToken).map(f -> secondsUntil(f.expiresAt())).orElse(null);
        }
        String idToken = idToken(s.user(), s.client(), s.authTime());
        published(s.grantType(), s.client(), s.subject(), access);
        return response(access, refreshToken, refreshExpiresIn, s.scopes(), idToken, s.subject(), s.client());
    }

    /**
     * Mints an access token without storing or announcing it.
     *
     * @param user     the user it is about, or null for a client's own token
     * @param familyId the refresh family it belongs to (carried as {@code sid}), or null
     * @param jti      a token id chosen in advance, or null
     */
    Access prepare(Client client, User user, Set<String> scopes, String familyId, String jti, Duration lifetime) {
        String subject = user != null ? user.id() : client.clientId();
        refuseUserSubject(client, subject, user);
        String id = jti == null ? Secrets.newId() : jti;
        if (referenceTokens != null) {
            String raw = Secrets.newToken();
            Instant now = clock.instant();
            Instant expires = now.plus(lifetime);
            Instant idle = now.plus(referenceIdleTimeout).isBefore(expires) ? now.plus(referenceIdleTimeout) : expires;
            return new Access(raw, id, expires, idle, new ReferenceToken(Secrets.digest(raw), id, client.clientId(),
                    subject, scopes, now, idle, expires, familyId));
        }
        AccessTokenRequest.Builder request = AccessTokenRequest.builder(subject, client.clientId())
                .scopes(scopes).lifetime(lifetime).jti(id);
        claimsOf(client, user, familyId).forEach(request::claim);
        IssuedToken token = jwt.issue(request.build());
        return new Access(token.value(), token.jti(), token.expiresAt(), token.expiresAt(), null);
    }

    /** Stores what a prepared access token needs stored (a reference token's row). */
    void commit(Access access) {
        if (access.row() != null) {
            referenceTokens.save(access.row());
        }
    }

    /** Publishes {@code TokenIssued} for a committed access token. */
    void published(String grantType, Client client, String subject, Access access) {
        events.publish(new AuthEvent.TokenIssued(clock.instant(), grantType, client.clientId(), subject, access.id()));
    }

    /** An id_token for a user, when the service issues them. */
    String idToken(User user, Client client, Instant authTime) {
        return user != null && idTokens != null
                ? idTokens.issue(user.id(), client.clientId(), authTime, accessLifetime(client)) : null;
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
    long secondsUntil(Instant then) {
        long millis = Duration.between(clock.instant(), then).toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }

    /** The claims beyond RFC 9068's that whoami endpoints and the Bearer filter use. */
    static Map<String, Object> claimsOf(Client client, User user, String familyId) {
        Map<String, Object> claims = new LinkedHashMap<>();
        if (user != null) {
            claims.putAll(UserClaims.of(user));
        } else {
            client.appId().ifPresent(a -> claims.put("appId", a));
        }
        if (familyId != null) {
            claims.put("sid", familyId);
        }
        return claims;
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
