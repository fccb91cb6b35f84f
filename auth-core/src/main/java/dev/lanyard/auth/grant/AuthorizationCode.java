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
 * @param digest          base64url SHA-256 of the code
 * @param clientId        the client it was issued to
 * @param subject         the user who authorized it
 * @param redirectUri     the redirect URI of the authorization request, matched exactly at redemption
 * @param scopes          the authorized scopes
 * @param codeChallenge   the PKCE challenge, or null when the client sent none
 * @param challengeMethod {@code S256} (or {@code plain} where explicitly allowed), or null
 * @param authTime        when the user authenticated
 * @param expiresAt       when the code dies
 */
public record AuthorizationCode(String digest, String clientId, String subject, String redirectUri, Set<String> scopes,
                                String codeChallenge, String challengeMethod, Instant authTime, Instant expiresAt) {

    public AuthorizationCode {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(redirectUri, "redirectUri");
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(scopes, "scopes")));
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
