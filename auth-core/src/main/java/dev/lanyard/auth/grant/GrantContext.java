package dev.lanyard.auth.grant;

import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.user.UserAuthenticator;
import dev.lanyard.auth.user.UserStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link GrantHandler} may use: the {@linkplain #issue issuance} of tokens as the service is
 * configured (JWT or reference access tokens, refresh families, id_tokens, the {@code TokenIssued}
 * event), the users, the scope rules and the clock. One per token request.
 *
 * <pre>{@code
 * Set<String> scopes = context.scopes(request.scope().orElse(null), client.scopes());
 * return context.issue(client).scopes(scopes).issue();   // a token about the client itself
 * }</pre>
 */
public interface GrantContext {

    /**
     * The {@code grant_type} of the request being handled.
     *
     * @return the grant type
     */
    String grantType();

    /**
     * Starts issuing tokens to a client: by default about the client itself, with no scopes, no refresh
     * token, authenticated now.
     *
     * @param client the client the tokens are for
     * @return a builder, used once
     */
    Issuance issue(Client client);

    /**
     * The requested scopes checked against what is allowed; everything allowed when none are requested.
     *
     * @param requested the raw {@code scope} parameter, space-separated; null or blank for everything allowed
     * @param allowed   what the client (or client and user) may hold
     * @return the granted scopes
     * @throws dev.lanyard.auth.InvalidScopeException for a scope beyond {@code allowed}
     */
    Set<String> scopes(String requested, Set<String> allowed);

    /**
     * The scopes a client may hold for a user: the client's, cut to the user's own when the user has any.
     *
     * @param clientScopes the client's scopes
     * @param userScopes   the user's scopes; empty for no limit
     * @return the scopes both allow
     */
    Set<String> scopesForUser(Set<String> clientScopes, Set<String> userScopes);

    /**
     * The user store.
     *
     * @return the users; empty when the service has none
     */
    Optional<UserStore> users();

    /**
     * The authenticator of users' passwords, with the service's throttle and events.
     *
     * @return the authenticator; empty when the service has no users
     */
    Optional<UserAuthenticator> userAuthenticator();

    /**
     * The lifetime of a client's access tokens: its own, or the service's.
     *
     * @param client the client
     * @return the lifetime
     */
    Duration accessTokenLifetime(Client client);

    /**
     * The service's clock.
     *
     * @return the clock
     */
    Clock clock();
}
