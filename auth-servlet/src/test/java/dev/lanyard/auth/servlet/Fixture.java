package dev.lanyard.auth.servlet;

import dev.lanyard.auth.IntrospectionPolicy;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientSecret;
import dev.lanyard.auth.client.InMemoryClientStore;
import dev.lanyard.auth.grant.InMemoryAuthorizationCodeStore;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.password.ClientSecrets;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.refresh.InMemoryRefreshTokenStore;
import dev.lanyard.auth.user.InMemoryUserStore;
import dev.lanyard.auth.user.User;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A token service with a few clients and users, shared by the HTTP tests. */
final class Fixture {

    static final String ISSUER = "https://auth.example";
    static final KeyManager KEYS = KeyManager.builder().build();
    static final PasswordHasher HASHER = PasswordHasher.builder().argon2id(8192, 1, 1).build();
    static final String SECRET = ClientSecrets.generate();

    final InMemoryClientStore clients = new InMemoryClientStore();
    final InMemoryUserStore users = new InMemoryUserStore();
    final User alice = User.builder("alice").passwordHash(HASHER.hash("wonderland".toCharArray()))
            .roles(Set.of("admin")).email("alice@example.com").build();

    Fixture() {
        clients.create(client("machine", Set.of("client_credentials"), Set.of("orders:read", "orders:write")));
        clients.create(client("resource-server", Set.of("client_credentials"), Set.of(IntrospectionPolicy.PERMISSION)));
        clients.create(client("web", Set.of("password", "refresh_token", "authorization_code"), Set.of("profile", "orders:read")));
        clients.create(Client.builder("spa").publicClient().grants(Set.of("authorization_code", "refresh_token"))
                .scopes(Set.of("profile")).redirectUris(List.of("http://127.0.0.1/cb")).build());
        users.create(alice);
    }

    static Client client(String id, Set<String> grants, Set<String> scopes) {
        return Client.builder(id).grants(grants).scopes(scopes).redirectUris(List.of("http://127.0.0.1/cb"))
                .secrets(List.of(new ClientSecret("s1", ClientSecrets.digest(SECRET), Instant.now()))).build();
    }

    TokenService.Builder service(Clock clock) {
        return TokenService.builder().issuer(ISSUER).keys(KEYS).clients(clients).users(users).clock(clock)
                .hasher(HASHER).throttle(LoginThrottle.disabled())
                .refreshTokens(new InMemoryRefreshTokenStore())
                .authorizationCodes(new InMemoryAuthorizationCodeStore());
    }
}
