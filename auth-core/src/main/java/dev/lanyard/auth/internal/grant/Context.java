package dev.lanyard.auth.internal.grant;

import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.grant.GrantContext;
import dev.lanyard.auth.grant.Issuance;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserAuthenticator;
import dev.lanyard.auth.user.UserStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The {@link GrantContext} of one token request. */
final class Context implements GrantContext {

    private final String grantType;
    private final Minter minter;
    private final UserStore users;
    private final UserAuthenticator userAuthenticator;

    Context(String grantType, Minter minter, UserStore users, UserAuthenticator userAuthenticator) {
        this.grantType = grantType;
        this.minter = minter;
        this.users = users;
        this.userAuthenticator = userAuthenticator;
    }

    @Override
    public String grantType() {
        return grantType;
    }

    @Override
    public Issuance issue(Client client) {
        return new Builder(Objects.requireNonNull(client, "client"));
    }

    @Override
    public Set<String> scopes(String requested, Set<String> allowed) {
        return Scopes.resolve(requested, allowed, "this client and user");
    }

    @Override
    public Set<String> scopesForUser(Set<String> clientScopes, Set<String> userScopes) {
        return Scopes.forUser(clientScopes, userScopes);
    }

    @Override
    public Optional<UserStore> users() {
        return Optional.ofNullable(users);
    }

    @Override
    public Optional<UserAuthenticator> userAuthenticator() {
        return Optional.ofNullable(userAuthenticator);
    }

    @Override
    public Duration accessTokenLifetime(Client client) {
        return minter.accessLifetime(client);
    }

    @Override
    public Clock clock() {
        return minter.clock();
    }

    private final class Builder implements Issuance {
        private final Client client;
        private User user;
        private Set<String> scopes = Set.of();
        private Instant authTime;
        private boolean refresh;
        private Duration lifetime;
        private String familyId;
        private String jti;
        private boolean issued;

        Builder(Client client) {
            this.client = client;
        }

        @Override
        public Issuance user(User user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        @Override
        public Issuance scopes(Set<String> scopes) {
            this.scopes = Objects.requireNonNull(scopes, "scopes");
            return this;
        }

        @Override
        public Issuance authTime(Instant authTime) {
            this.authTime = Objects.requireNonNull(authTime, "authTime");
            return this;
        }

        @Override
        public Issuance refreshToken(boolean wanted) {
            this.refresh = wanted;
            return this;
        }

        @Override
        public Issuance lifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "lifetime");
            if (lifetime.isZero() || lifetime.isNegative()) {
                throw new IllegalArgumentException("lifetime must be positive");
            }
            this.lifetime = lifetime;
            return this;
        }

        @Override
        public Issuance ids(String familyId, String accessTokenId) {
            this.familyId = familyId;
            this.jti = accessTokenId;
            return this;
        }

        @Override
        public TokenResponse issue() {
            if (issued) {
                throw new IllegalStateException("this issuance was already issued");
            }
            issued = true;
            return minter.issue(new Minter.Spec(grantType, client, user, scopes,
                    authTime == null ? minter.clock().instant() : authTime, refresh, familyId, jti, lifetime));
        }
    }
}
