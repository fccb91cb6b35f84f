package dev.lanyard.auth.client;

import dev.lanyard.auth.InvalidCredentialsException;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEventListener;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.guard.LockedOutException;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.password.ClientSecrets;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAuthenticatorTest {

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final PasswordHasher hasher = PasswordHasher.builder().argon2id(8192, 1, 1).build();
    final InMemoryClientStore clients = new InMemoryClientStore();
    final List<AuthEvent.LoginFailed> failures = new ArrayList<>();
    final ClientAuthenticator auth = ClientAuthenticator.builder()
            .clients(clients).hasher(hasher).clock(clock)
            .throttle(LoginThrottle.builder().maxFailures(3).maxAddressFailures(3).clock(clock).build())
            .events(AuthEvents.of(new AuthEventListener() {
                @Override
                public void loginFailed(AuthEvent.LoginFailed event) {
                    failures.add(event);
                }
            }))
            .build();
    final String generated = ClientSecrets.generate();

    void confidential(String id, boolean enabled) {
        clients.create(Client.builder(id).enabled(enabled)
                .secrets(List.of(new ClientSecret("s1", ClientSecrets.digest(generated), clock.instant()),
                        new ClientSecret("s2", hasher.hash("chosen-by-a-person".toCharArray()), clock.instant())))
                .build());
    }

    @Test
    void eitherCurrentSecretAuthenticatesSoRotationNeedsNoDowntime() {
        confidential("app", true);

        assertThat(auth.authenticate(ClientCredential.of("app", generated), null).clientId()).isEqualTo("app");
        assertThat(auth.authenticate(ClientCredential.of("app", "chosen-by-a-person"), null).clientId()).isEqualTo("app");
    }

    @Test
    void everyFailureLooksTheSameWithTheRealReasonInTheEvent() {
        confidential("app", true);
        confidential("off", false);
        clients.create(Client.builder("spa").publicClient().grants(Set.of("authorization_code")).build());

        assertFails("nobody", generated);
        assertFails("app", "wrong");
        assertFails("app", null);
        assertFails("off", generated);
        assertFails("spa", "a-secret-from-a-public-client");
        assertFails("App", generated); // client ids are exact

        assertThat(failures).extracting(AuthEvent.LoginFailed::reason).containsExactly(
                AuthEvent.FailureReason.UNKNOWN, AuthEvent.FailureReason.WRONG_CREDENTIALS,
                AuthEvent.FailureReason.NO_CREDENTIALS, AuthEvent.FailureReason.DISABLED,
                AuthEvent.FailureReason.WRONG_CREDENTIALS, AuthEvent.FailureReason.UNKNOWN);
    }

    @Test
    void publicClientAuthenticatesWithoutSecret() {
        clients.create(Client.builder("spa").publicClient().grants(Set.of("authorization_code")).build());

        assertThat(auth.authenticate(ClientCredential.of("spa", null), null).confidential()).isFalse();
    }

    @Test
    void aGuessingAddressIsLockedOutWithInvalidClientButTheClientStaysUsableElsewhere() {
        confidential("app", true);
        for (int i = 0; i < 3; i++) {
            int n = i;
            assertThatThrownBy(() -> auth.authenticate(ClientCredential.of("app", "guess" + n), "203.0.113.7"))
                    .isInstanceOf(InvalidCredentialsException.class);
        }

        assertThatThrownBy(() -> auth.authenticate(ClientCredential.of("app", generated), "203.0.113.7"))
                .isInstanceOf(LockedOutException.class)
                .satisfies(e -> assertThat(((LockedOutException) e).error().code()).isEqualTo("invalid_client"));
        // Anyone could send bad secrets for a client id: that must not lock the client out for its users.
        assertThat(auth.authenticate(ClientCredential.of("app", generated), "198.51.100.1").clientId()).isEqualTo("app");
        assertThat(auth.authenticate(ClientCredential.of("app", generated), null).clientId()).isEqualTo("app");
    }

    @Test
    void authenticateWhenClientIdHoldsNulOrInvisibleCharactersThenInvalidClientWithoutStoreCall() {
        ClientStore untouchable = (ClientStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ClientStore.class}, (proxy, method, args) -> {
                    throw new AssertionError("the store was called: " + method.getName());
                });
        ClientAuthenticator guarded = ClientAuthenticator.builder().clients(untouchable).hasher(hasher).clock(clock)
                .throttle(LoginThrottle.builder().maxAddressFailures(100).clock(clock).build())
                .events(AuthEvents.of(new AuthEventListener() {
                    @Override
                    public void loginFailed(AuthEvent.LoginFailed event) {
                        failures.add(event);
                    }
                }))
                .build();

        for (String id : List.of("app\u0000", "x\u0000\n<fake line>", "app\u200b", "app\r\n")) {
            assertThatThrownBy(() -> guarded.authenticate(ClientCredential.of(id, generated), "10.0.0.9"))
                    .isInstanceOf(InvalidCredentialsException.class)
                    .satisfies(e -> assertThat(((InvalidCredentialsException) e).error().code()).isEqualTo("invalid_client"));
        }
        assertThat(failures).extracting(AuthEvent.LoginFailed::reason).containsOnly(AuthEvent.FailureReason.MALFORMED);
        assertThat(failures).extracting(AuthEvent.LoginFailed::principal)
                .as("the event names the client by a form safe to log").noneMatch(p -> p.contains("\n") || p.contains("\u0000"));
    }

    @Test
    void aChosenSecretThatVerifiedIsRememberedUntilTheClientsSecretsChange() {
        // One hash a minute for this client: a second hash within the minute would be refused.
        ClientAuthenticator once = ClientAuthenticator.builder().clients(clients).hasher(hasher).clock(clock)
                .throttle(LoginThrottle.builder().maxChecksPerMinute(1, 100).clock(clock).build()).build();
        confidential("app", true);

        for (int i = 0; i < 5; i++) {
            assertThat(once.authenticate(ClientCredential.of("app", "chosen-by-a-person"), "10.0.0.1").clientId()).isEqualTo("app");
        }
        assertThatThrownBy(() -> once.authenticate(ClientCredential.of("app", "another-guess"), "10.0.0.1"))
                .isInstanceOf(dev.lanyard.auth.guard.RateLimitedException.class).hasMessageNotContaining("another-guess");

        Client app = clients.findById("app").orElseThrow();
        List<ClientSecret> rotated = new ArrayList<>(app.secrets());
        rotated.add(new ClientSecret("s3", ClientSecrets.digest(ClientSecrets.generate()), clock.instant()));
        clients.update(app.toBuilder().secrets(rotated).build());

        assertThatThrownBy(() -> once.authenticate(ClientCredential.of("app", "chosen-by-a-person"), "10.0.0.1"))
                .as("the entry is dropped at once: the secret is verified again, and that needs a hash")
                .isInstanceOf(dev.lanyard.auth.guard.RateLimitedException.class);
        clock.advance(java.time.Duration.ofMinutes(1));
        assertThat(once.authenticate(ClientCredential.of("app", "chosen-by-a-person"), "10.0.0.1").clientId()).isEqualTo("app");
        clients.update(app.toBuilder().secrets(List.of(app.secrets().get(0))).build()); // s2 revoked
        assertFails(once, "app", "chosen-by-a-person");
    }

    @Test
    void generatedSecretsAreNeverCappedLikeChosenOnes() {
        ClientAuthenticator once = ClientAuthenticator.builder().clients(clients).hasher(hasher).clock(clock)
                .throttle(LoginThrottle.builder().maxConcurrentChecks(1, 1).maxChecksPerMinute(1, 1).clock(clock).build())
                .build();
        confidential("app", true);

        for (int i = 0; i < 5; i++) {
            assertThat(once.authenticate(ClientCredential.of("app", generated), "10.0.0.1").clientId()).isEqualTo("app");
        }
    }

    private void assertFails(ClientAuthenticator authenticator, String clientId, String secret) {
        assertThatThrownBy(() -> authenticator.authenticate(ClientCredential.of(clientId, secret), "10.0.0.2"))
                .isInstanceOf(InvalidCredentialsException.class);
    }

    private void assertFails(String clientId, String secret) {
        assertThatThrownBy(() -> auth.authenticate(ClientCredential.of(clientId, secret), null))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage("client authentication failed")
                .satisfies(e -> assertThat(((InvalidCredentialsException) e).error().code()).isEqualTo("invalid_client"));
    }
}
