package dev.lanyard.auth.grant;

import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.user.User;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The tokens one grant issues, built from {@link GrantContext#issue}: an access token (a JWT, or a
 * reference token when the service keeps them), a refresh token when asked for and the client may
 * refresh, and an id_token for a user when the service issues them. {@link #issue()} publishes the
 * {@code TokenIssued} event. Not thread-safe; used once.
 *
 * <pre>{@code
 * TokenResponse r = context.issue(client)
 *         .user(user)                      // sub = the user's id; username and roles as claims
 *         .scopes(scopes)
 *         .authTime(loggedInAt)
 *         .refreshToken(true)
 *         .issue();
 * }</pre>
 */
public interface Issuance {

    /**
     * The user the tokens are about; its id becomes {@code sub}. Without one, the tokens are about the
     * client ({@code sub} = its client id), which is refused if a user has that id.
     *
     * @param user the user, enabled
     * @return this issuance
     */
    Issuance user(User user);

    /**
     * The scopes granted, already checked ({@link GrantContext#scopes}).
     *
     * @param scopes the scopes
     * @return this issuance
     */
    Issuance scopes(Set<String> scopes);

    /**
     * When the user (or client) authenticated, for the family and the id_token's {@code auth_time};
     * default now.
     *
     * @param authTime the time of authentication
     * @return this issuance
     */
    Issuance authTime(Instant authTime);

    /**
     * Whether the grant wants a refresh token; default no. One is issued only when the service stores
     * refresh tokens and the client may use the {@code refresh_token} grant.
     *
     * @param wanted true to start a refresh family
     * @return this issuance
     */
    Issuance refreshToken(boolean wanted);

    /**
     * The access token's lifetime when it must be shorter than the client's usual one.
     *
     * @param lifetime a positive lifetime
     * @return this issuance
     */
    Issuance lifetime(Duration lifetime);

    /**
     * Ids chosen before issuing, for a grant that records them first (an authorization code's
     * redemption, so that a replay can revoke what it issued).
     *
     * @param familyId      the refresh family's id, or null to draw one
     * @param accessTokenId the access token's {@code jti}, or null to draw one
     * @return this issuance
     */
    Issuance ids(String familyId, String accessTokenId);

    /**
     * Issues the tokens.
     *
     * @return the response for the client
     * @throws dev.lanyard.auth.StoreException when a store fails; nothing unstored is returned
     */
    TokenResponse issue();
}
