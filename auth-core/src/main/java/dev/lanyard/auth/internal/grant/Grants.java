package dev.lanyard.auth.internal.grant;

import dev.lanyard.auth.InvalidRequestException;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.UnauthorizedClientException;
import dev.lanyard.auth.UnsupportedGrantTypeException;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.grant.GrantContext;
import dev.lanyard.auth.grant.GrantHandler;
import dev.lanyard.auth.user.UserAuthenticator;
import dev.lanyard.auth.user.UserStore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registered {@link GrantHandler}s, built-in and plugged in alike: routes a token request to the
 * handler of its grant type, after the client has authenticated and if the client may use it.
 */
public final class Grants {

    private final Map<String, GrantHandler> handlers;
    private final Minter minter;
    private final UserStore users;
    private final UserAuthenticator userAuthenticator;

    /**
     * @param handlers          the handlers in the order they were registered; types distinct
     * @param users             the users, or null
     * @param userAuthenticator the users' authenticator, or null
     */
    public Grants(List<GrantHandler> handlers, Minter minter, UserStore users, UserAuthenticator userAuthenticator) {
        Map<String, GrantHandler> map = new LinkedHashMap<>();
        for (GrantHandler h : handlers) {
            if (map.putIfAbsent(h.grantType(), h) != null) {
                throw new IllegalStateException("two grant handlers for " + h.grantType());
            }
        }
        this.handlers = Collections.unmodifiableMap(map);
        this.minter = minter;
        this.users = users;
        this.userAuthenticator = userAuthenticator;
    }

    /** The grant types, in the order they were registered. */
    public Set<String> types() {
        return handlers.keySet();
    }

    /** Whether a handler serves the grant type. */
    public boolean supports(String grantType) {
        return grantType != null && handlers.containsKey(grantType);
    }

    /** The handler of a grant type. */
    public Optional<GrantHandler> handler(String grantType) {
        return Optional.ofNullable(grantType).map(handlers::get);
    }

    /** The context a handler of this grant type runs in. */
    public GrantContext context(String grantType) {
        return new Context(grantType, minter, users, userAuthenticator);
    }

    /**
     * Runs the grant for an authenticated client.
     *
     * @throws dev.lanyard.auth.AuthException {@code unsupported_grant_type}, {@code unauthorized_client},
     *                                        or the grant's own errors
     */
    public TokenResponse handle(TokenRequest request, Client client) {
        GrantHandler handler = handler(request.grantType()).orElseThrow(() ->
                new UnsupportedGrantTypeException("grant_type must be one of " + handlers.keySet()));
        if (!client.allowsGrant(request.grantType())) {
            throw new UnauthorizedClientException(
                    "client " + client.clientId() + " may not use the " + request.grantType() + " grant");
        }
        return handler.handle(context(request.grantType()), request, client);
    }

    static String required(Optional<String> value, String name) {
        return value.filter(v -> !v.isEmpty()).orElseThrow(() ->
                new InvalidRequestException("the parameter '" + name + "' is required"));
    }
}
