package dev.lanyard.auth.internal;

import dev.lanyard.auth.InvalidRequestException;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.reference.ReferenceTokenStore;
import dev.lanyard.auth.refresh.RefreshTokens;
import dev.lanyard.auth.token.InvalidTokenException;
import dev.lanyard.auth.token.RevocationList;
import dev.lanyard.auth.token.VerifiedToken;

/** RFC 7009 revocation, logout and logout-everywhere over the refresh families, reference tokens and revocation list. */
public final class Revocations {

    private final Verification verification;
    private final RefreshTokens refreshTokens;
    private final ReferenceTokenStore referenceTokens;
    private final RevocationList revocations;

    /**
     * @param refreshTokens   the refresh rotation, or null
     * @param referenceTokens the reference-token store, or null
     */
    public Revocations(Verification verification, RefreshTokens refreshTokens, ReferenceTokenStore referenceTokens,
                       RevocationList revocations) {
        this.verification = verification;
        this.refreshTokens = refreshTokens;
        this.referenceTokens = referenceTokens;
        this.revocations = revocations;
    }

    /** Revokes a token of the authenticated client; unknown tokens and other clients' are ignored. */
    public void revoke(String token, String tokenTypeHint, Client client) {
        if (token == null || token.isEmpty()) {
            throw new InvalidRequestException("the parameter 'token' is required");
        }
        boolean refreshFirst = !"access_token".equals(tokenTypeHint);
        if (refreshFirst && refreshTokens != null && refreshTokens.revokeByToken(token, client.clientId())) {
            return;
        }
        if (revokeAccess(token, client.clientId())) {
            return;
        }
        if (!refreshFirst && refreshTokens != null) {
            refreshTokens.revokeByToken(token, client.clientId());
        }
    }

    /** Revokes an access token at once and the refresh family it came from ({@code sid}). */
    public void logout(String accessToken) {
        VerifiedToken token = verification.verify(accessToken);
        end(accessToken, token);
        token.claim("sid").filter(String.class::isInstance).map(String.class::cast)
                .ifPresent(sid -> {
                    if (refreshTokens != null) {
                        refreshTokens.revokeFamily(sid);
                    }
                });
    }

    /** Revokes every refresh family and reference token of a subject. */
    public void logoutEverywhere(String subject) {
        if (refreshTokens != null) {
            refreshTokens.revokeSubject(subject);
        }
        if (referenceTokens != null) {
            referenceTokens.revokeSubject(subject);
        }
    }

    private boolean revokeAccess(String token, String clientId) {
        try {
            VerifiedToken t = verification.inspect(token);
            if (!t.clientId().equals(clientId)) {
                return false;
            }
            end(token, t);
            return true;
        } catch (InvalidTokenException e) {
            return false;
        }
    }

    /** A reference token is deleted; a JWT goes on the revocation list until it expires. */
    private void end(String raw, VerifiedToken token) {
        if (verification.isReference(raw)) {
            referenceTokens.revoke(Secrets.digest(raw));
        } else {
            revocations.revoke(token.jti(), token.expiresAt());
        }
    }
}
