package dev.lanyard.auth.deps;

import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.admin.ImportException;
import dev.lanyard.auth.admin.ImportProgress;
import dev.lanyard.auth.admin.UserAdmin;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientSecret;
import dev.lanyard.auth.client.InMemoryClientStore;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.key.SigningAlgorithm;
import dev.lanyard.auth.password.ClientSecrets;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.token.AccessTokenIssuer;
import dev.lanyard.auth.token.AccessTokenRequest;
import dev.lanyard.auth.token.AccessTokenVerifier;
import dev.lanyard.auth.token.InvalidTokenException;
import dev.lanyard.auth.token.IssuedToken;
import dev.lanyard.auth.user.InMemoryUserStore;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A verify-only app and a client-credentials issuer, run by {@link OptionalDependenciesTest} in a JVM
 * whose class path lacks auth-core's optional dependencies (Bouncy Castle, the YAML parser). Prints
 * one line per check; any failure exits non-zero.
 */
public final class WithoutOptionalDependencies {

    private WithoutOptionalDependencies() {
    }

    public static void main(String[] args) {
        for (String absent : List.of("org.bouncycastle.crypto.generators.Argon2BytesGenerator",
                "com.fasterxml.jackson.dataformat.yaml.YAMLFactory", "org.yaml.snakeyaml.Yaml")) {
            try {
                Class.forName(absent);
                fail("on the class path: " + absent);
            } catch (ClassNotFoundException expected) {
                // as the test means it
            }
        }

        for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
            KeyManager keys = KeyManager.builder().algorithm(algorithm).build();
            AccessTokenIssuer issuer = AccessTokenIssuer.builder()
                    .issuer("https://auth.example").audience("https://api.example").keys(keys).build();
            AccessTokenVerifier verifier = AccessTokenVerifier.builder()
                    .issuer("https://auth.example").audience("https://api.example").keys(keys).build();
            IssuedToken token = issuer.issue(AccessTokenRequest.builder("alice", "web-app").build());
            if (!verifier.verify(token.value()).subject().equals("alice")) {
                fail(algorithm + ": wrong subject");
            }
            String value = token.value();
            char last = value.charAt(value.length() - 2);
            String tampered = value.substring(0, value.length() - 2) + (last == 'A' ? 'B' : 'A') + value.charAt(value.length() - 1);
            try {
                verifier.verify(tampered);
                fail(algorithm + ": a tampered signature verified");
            } catch (InvalidTokenException expected) {
                System.out.println("verified " + algorithm);
            }
        }

        String secret = ClientSecrets.generate();
        InMemoryClientStore clients = new InMemoryClientStore();
        clients.create(Client.builder("machine").grants(Set.of("client_credentials")).scopes(Set.of("orders:read"))
                .secrets(List.of(new ClientSecret("s1", ClientSecrets.digest(secret), Instant.now()))).build());
        TokenService tokens = TokenService.builder().issuer("https://auth.example").keys(KeyManager.builder().build())
                .clients(clients).users(new InMemoryUserStore()).build();
        TokenResponse response = tokens.grant(TokenRequest.clientCredentials("machine", secret).scope("orders:read").build());
        System.out.println("client_credentials " + response.tokenType());

        try {
            PasswordHasher.defaults().hash("a passphrase".toCharArray());
            fail("Argon2id hashed without Bouncy Castle");
        } catch (IllegalStateException e) {
            System.out.println("argon2id refused: " + e.getMessage());
        }

        UserAdmin admin = new UserAdmin(new InMemoryUserStore(), PasswordHasher.defaults(), AuthEvents.none(), Clock.systemUTC());
        try {
            admin.importUsers("- username: alice\n", "users.yaml", ImportProgress.none());
            fail("a YAML file was read without the YAML parser");
        } catch (ImportException e) {
            System.out.println("yaml refused: " + e.getMessage());
        }
        try {
            admin.importUsers("[{\"username\": \"alice\", \"colour\": \"red\"}]", "users.json", ImportProgress.none());
            fail("an unknown field was accepted");
        } catch (ImportException e) {
            System.out.println("json read: " + e.getMessage());
        }
    }

    private static void fail(String why) {
        System.out.println("FAILED: " + why);
        System.exit(1);
    }
}
