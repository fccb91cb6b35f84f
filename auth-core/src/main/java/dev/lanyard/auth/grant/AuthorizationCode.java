package dev.lanyard.auth.grant;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * An authorization code as stored: its SHA-256 digest (never the code), and everything the token
 * request must match. Single-use and short-lived (at most 10 minutes).
 *
 * <pre>{@code
 * AuthorizationCode code = new AuthorizationCode(Secrets.digest(raw), "spa", "alice",
 *         "https://app.example/cb", Set.of("openid"), challenge, "S256", now, now.plusSeconds(60));
 * }</pre>
 *
 * <p>A <b>client code</b> ({@link #forClient}) is the other kind: issued by
 * {@link dev.lanyard.auth.TokenService#issueClientCode} straight to an authenticated confidential client,
 * about that client, with no user and no redirect URI. It is stored like any code, marked by an empty
 * redirect URI and a subject equal to the client id; a code of the browser flow always carries one of
 * the client's registered redirect URIs, which are absolute, so the two kinds cannot be confused.
 *
 * @param digest          base64url SHA-256 of the code
 * @param clientId        the client it was issued to
 * @param subject         the user who authorized it (the client id for a client code)
 * @param redirectUri     the redirect URI of the authorization request, matched exactly at redemption
 *                        (empty for a client code)
 * @param scopes          the authorized scopes
 * @param codeChallenge   the PKCE challenge, or null when the client sent none
 * @param challengeMethod {@code S256} (or {@code plain} where explicitly allowed), or null
 * @param authTime        when the user authenticated
 * @param expiresAt       when the code dies
 */
public record AuthorizationCode(String digest, String clientId, String subject, String redirectUri, Set<String> scopes,
                                String codeChallenge, String challengeMethod, Instant authTime, Instant expiresAt) {

    /**
     * Checks the required components and copies the scopes.
     *
     * @param digest          base64url SHA-256 of the code
     * @param clientId        the client it was issued to
     * @param subject         the user who authorized it (the client id for a client code)
     * @param redirectUri     the redirect URI of the authorization request, matched exactly at redemption
     * @param scopes          the authorized scopes
     * @param codeChallenge   the PKCE challenge, or null when the client sent none
     * @param challengeMethod {@code S256} (or {@code plain} where explicitly allowed), or null
     * @param authTime        when the user authenticated
     * @param expiresAt       when the code dies
     * @throws NullPointerException when a component other than the PKCE ones is null
     */
    public AuthorizationCode {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(redirectUri, "redirectUri");
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(scopes, "scopes")));
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * A client code: about the client itself, redeemed without a redirect URI or PKCE.
     *
     * <pre>{@code
     * AuthorizationCode code = AuthorizationCode.forClient(Secrets.digest(raw), "my-app", Set.of(), now,
     *         now.plusSeconds(60));
     * }</pre>
     *
     * @param digest    base64url SHA-256 of the code
     * @param clientId  the client the code is about and for
     * @param scopes    the scopes the tokens will carry
     * @param issuedAt  when the code was issued, recorded as its {@code authTime}
     * @param expiresAt when the code dies
     * @return a code whose subject is the client, with no redirect URI and no PKCE
     */
    public static AuthorizationCode forClient(String digest, String clientId, Set<String> scopes, Instant issuedAt,
                                              Instant expiresAt) {
        return new AuthorizationCode(digest, clientId, clientId, "", scopes, null, null, issuedAt, expiresAt);
    }

    /**
     * Whether this is a client code ({@link #forClient}) rather than a code a user approved in a browser.
     *
     * @return true for a client code
     */
    public boolean isClientCode() {
        return redirectUri.isEmpty() && subject.equals(clientId) && codeChallenge == null && challengeMethod == null;
    }
}
