package dev.lanyard.auth.admin;

import dev.lanyard.auth.client.ClientCredential;
import dev.lanyard.auth.DuplicateException;
import dev.lanyard.auth.InvalidCredentialsException;
import dev.lanyard.auth.NotFoundException;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientStore;
import dev.lanyard.auth.client.ClientAuthenticator;
import dev.lanyard.auth.client.InMemoryClientStore;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEventListener;
import dev.lanyard.auth.event.AuthEvents;
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

class ClientAdminTest {

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final PasswordHasher hasher = PasswordHasher.builder().argon2id(8192, 1, 1).build();
    final InMemoryClientStore clients = new InMemoryClientStore();
    final List<AuthEvent> events = new ArrayList<>();
    final ClientAdmin admin = new ClientAdmin(clients, hasher, AuthEvents.of(new AuthEventListener() {
        @Override
        public void onEvent(AuthEvent event) {
            events.add(event);
        }
    }), clock);
    final ClientAuthenticator auth = ClientAuthenticator.builder().clients(clients).hasher(hasher)
            .throttle(LoginThrottle.disabled()).build();

    @Test
    void createWithoutSecretGeneratesOneShownOnceAndStoredAsDigest() {
        ClientAdmin.Created created = admin.createClient(Client.builder("my-app").scopes(Set.of("orders")).build());

        IssuedSecret secret = created.secret().orElseThrow();
        assertThat(secret.secret()).hasSize(43);
        assertThat(created.client().secrets()).singleElement()
                .satisfies(s -> assertThat(s.hash()).startsWith("$sha256$").doesNotContain(secret.secret()));
        assertThat(secret.toString()).doesNotContain(secret.secret());
        assertThat(auth.authenticate(ClientCredential.of("my-app", secret.secret()), null).clientId()).isEqualTo("my-app");
        assertThat(events).singleElement().isInstanceOf(AuthEvent.ClientCreated.class);
    }

    @Test
    void createWithChosenSecretWhenIdTakenThenDuplicateBeforeTheSecretIsHashed() {
        admin.createClient(Client.builder("legacy").build(), "chosen-secret");

        // A lone surrogate makes the hasher throw IllegalArgumentException: a DuplicateException instead
        // shows that the lookup came first and no hash was computed.
        assertThatThrownBy(() -> admin.createClient(Client.builder("legacy").build(), "\uD800-not-unicode"))
                .isInstanceOf(DuplicateException.class).hasMessageContaining("'legacy'");
    }

    @Test
    void chosenSecretIsHashedWithThePasswordHasher() {
        Client client = admin.createClient(Client.builder("legacy").build(), "chosen-secret");

        assertThat(client.secrets().get(0).hash()).startsWith("$argon2id$");
        assertThat(auth.authenticate(ClientCredential.of("legacy", "chosen-secret"), null).clientId()).isEqualTo("legacy");
    }

    @Test
    void rotateKeepsTheOldSecretUntilItIsRevoked() {
        ClientAdmin.Created created = admin.createClient(Client.builder("app").build());
        IssuedSecret first = created.secret().orElseThrow();

        IssuedSecret second = admin.rotateSecret("app");
        assertThat(auth.authenticate(ClientCredential.of("app", first.secret()), null)).isNotNull();
        assertThat(auth.authenticate(ClientCredential.of("app", second.secret()), null)).isNotNull();

        admin.revokeSecret("app", first.secretId());
        assertThatThrownBy(() -> auth.authenticate(ClientCredential.of("app", first.secret()), null))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(auth.authenticate(ClientCredential.of("app", second.secret()), null)).isNotNull();
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("ClientCreated", "ClientSecretRotated", "ClientSecretRevoked");
    }

    @Test
    void theLastSecretCannotBeRevoked() {
        IssuedSecret only = admin.createClient(Client.builder("app").build()).secret().orElseThrow();

        assertThatThrownBy(() -> admin.revokeSecret("app", only.secretId()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rotate first");
        assertThatThrownBy(() -> admin.revokeSecret("app", "no-such-secret")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> admin.rotateSecret("no-such-client")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void duplicateClientIdIsRefused() {
        admin.createClient(Client.builder("app").build());

        assertThatThrownBy(() -> admin.createClient(Client.builder("app").build()))
                .isInstanceOf(DuplicateException.class).hasMessageContaining("'app'");
    }

    @Test
    void deleteReportsWhetherThereWasAClient() {
        admin.createClient(Client.builder("app").build());

        assertThat(admin.deleteClient("app")).isTrue();
        assertThat(admin.deleteClient("app")).isFalse();
        assertThat(clients.findById("app")).isEmpty();
    }

    @Test
    void modulesYamlOfTheSeedImportsAndItsSecretAuthenticates() {
        String modules = """
                - moduleId: my-app-client
                  secret: secret-password
                  supports:
                  - dialogue
                  - detection
                  - ui
                  - session
                  - platform
                - moduleId: spa
                  public: true
                  redirectUris: [http://localhost:9999/callback]
                - moduleId: with-grants
                  secret: another-secret
                  appId: my_app
                  grants: [client_credentials, password]
                """;

        assertThat(admin.importClients(modules, "modules.yaml", ImportProgress.none())).isEqualTo(3);

        Client app = auth.authenticate(ClientCredential.of("my-app-client", "secret-password"), null);
        assertThat(app.scopes()).containsExactly("dialogue", "detection", "ui", "session", "platform");
        assertThat(app.grants()).isEqualTo(Client.DEFAULT_GRANTS);
        Client spa = clients.findById("spa").orElseThrow();
        assertThat(spa.confidential()).isFalse();
        assertThat(spa.grants()).containsExactly("authorization_code", "refresh_token");
        assertThat(clients.findById("with-grants").orElseThrow().grants()).containsExactly("client_credentials", "password");
    }

    @Test
    void importNewClientsKeepsExistingClientsAndTheirSecrets() {
        IssuedSecret kept = admin.createClient(Client.builder("a").build()).secret().orElseThrow();
        String modules = "- {moduleId: a, secret: other-secret}\n- {moduleId: b, secret: second-secret}\n";

        assertThat(admin.importNewClients(modules, "modules.yaml", ImportProgress.none())).isEqualTo(1);
        assertThat(admin.importNewClients(modules, "modules.yaml", ImportProgress.none())).isZero();

        assertThat(clients.findById("a").orElseThrow().secrets()).singleElement()
                .satisfies(s -> assertThat(ClientSecrets.matchesDigest(kept.secret(), s.hash())).isTrue());
        assertThat(clients.findById("b")).isPresent();
    }

    @Test
    void malformedModulesAreRefusedAndNothingIsWritten() {
        assertThatThrownBy(() -> admin.importClients("- {moduleId: a, secret: x}\n- {moduleId: b}\n", "m.yaml",
                ImportProgress.none()))
                .isInstanceOf(ImportException.class).hasMessageContaining("entry 2 (line 2): 'secret' is required");
        assertThatThrownBy(() -> admin.importClients("- {moduleId: a, secret: x, grants: [implicit]}\n", "m.yaml",
                ImportProgress.none()))
                .isInstanceOf(ImportException.class).hasMessageContaining("unknown grant type 'implicit'");
        assertThatThrownBy(() -> admin.importClients("- {moduleId: a, public: true, secret: x}\n", "m.yaml",
                ImportProgress.none()))
                .isInstanceOf(ImportException.class).hasMessageContaining("public client cannot have a 'secret'");
        assertThatThrownBy(() -> admin.importClients("- {moduleId: 'bad id', secret: x}\n", "m.yaml",
                ImportProgress.none()))
                .isInstanceOf(ImportException.class).hasMessageContaining("client id");
        assertThatThrownBy(() -> admin.importClients("- {moduleId: a, secret: x-secret}\n- {moduleId: a, secret: y-secret}\n",
                "m.yaml", ImportProgress.none()))
                .isInstanceOf(DuplicateException.class).hasMessageContaining("entry 2");
        assertThat(clients.list(0, 10)).isEmpty();
    }

    @Test
    void importWhenARedirectUriIsNotAWebOrNativeAppUriThenRefusedNamingEntryAndRule() {
        assertThatThrownBy(() -> admin.importClients("- {moduleId: a, secret: x}\n"
                + "- {moduleId: spa, public: true, redirectUris: ['javascript:alert(1)']}\n", "m.yaml",
                ImportProgress.none()))
                .isInstanceOf(ImportException.class).hasMessageContaining("entry 2 (line 2)")
                .hasMessageContaining("redirect URI 'javascript:alert(1)'").hasMessageContaining("RFC 8252");
        assertThatThrownBy(() -> admin.importClients("- {moduleId: spa, public: true,"
                + " redirectUris: ['http://app.example/cb']}\n", "m.yaml", ImportProgress.none()))
                .isInstanceOf(ImportException.class).hasMessageContaining("not loopback");
        assertThat(clients.list(0, 10)).isEmpty();
    }

    @Test
    void idsWithControlOrInvisibleCharactersAreNotFoundWithoutAStoreCall() {
        ClientStore.Writable untouchable = (ClientStore.Writable) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ClientStore.Writable.class}, (proxy, method, args) -> {
                    throw new AssertionError("the store was called: " + method.getName());
                });
        ClientAdmin guarded = new ClientAdmin(untouchable, hasher, AuthEvents.none(), clock);

        assertThatThrownBy(() -> guarded.rotateSecret("x\u0000\n<fake line>")).isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("fake"));
        assertThatThrownBy(() -> guarded.revokeSecret("app\u200b", "s1")).isInstanceOf(NotFoundException.class);
        assertThat(guarded.deleteClient("app\u0000")).isFalse();
    }
}
