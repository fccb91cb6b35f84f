package dev.lanyard.auth.servlet;

import dev.lanyard.auth.token.VerifiedToken;

import java.security.Principal;
import java.util.Objects;

/**
 * The principal of a request that carried a valid token: its name is the token's {@code username}
 * claim for a user, its {@code sub} otherwise.
 *
 * <pre>{@code
 * if (request.getUserPrincipal() instanceof TokenPrincipal p) {
 *     String clientId = p.token().clientId();
 * }
 * }</pre>
 */
public final class TokenPrincipal implements Principal {

    private final VerifiedToken token;
    private final String name;

    /**
     * Names the principal after the token's {@code username} claim, or its subject when it has none.
     *
     * @param token the verified token
     * @throws NullPointerException when {@code token} is null
     */
    public TokenPrincipal(VerifiedToken token) {
        this.token = Objects.requireNonNull(token, "token");
        this.name = token.claim("username").filter(String.class::isInstance).map(String.class::cast)
                .orElse(token.subject());
    }

    @Override
    public String getName() {
        return name;
    }

    /**
     * The verified token behind the principal.
     *
     * @return the token, with all its claims
     */
    public VerifiedToken token() {
        return token;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenPrincipal p && p.token.jti().equals(token.jti());
    }

    @Override
    public int hashCode() {
        return token.jti().hashCode();
    }

    @Override
    public String toString() {
        return "TokenPrincipal[" + name + "]";
    }
}
