package dev.lanyard.auth.testing;

import dev.lanyard.auth.DuplicateException;
import dev.lanyard.auth.NotFoundException;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientSecret;
import dev.lanyard.auth.client.ClientStore;
import dev.lanyard.auth.key.SigningAlgorithm;
import dev.lanyard.auth.key.SigningKey;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link ClientStore.Writable} owes its callers. Extend it with a store
 * of your own and JUnit runs every case against it:
 *
 * <pre>{@code
 * class VaultClientStoreTest extends ClientStoreContract {
 *     @Override
 *     protected ClientStore.Writable newStore() {
 *         return new VaultClientStore(emptyTestVault());
 *     }
 * }
 * }</pre>
 *
 * <p>Instants are compared to the millisecond: a store may drop finer parts of a secret's creation
 * time. The suite ships in the auth-core test-jar (classifier {@code tests}); it needs JUnit Jupiter
 * and AssertJ on the test classpath.
 */
public abstract class ClientStoreContract {

    /** A secret digest that must never appear in an exception message. */
    protected static final String SECRET_HASH = "$sha256$SECRETDIGESTdonotlogme0123456789abcdef";
    /** A creation time with whole milliseconds, which every store keeps exactly. */
    protected static final Instant T0 = Instant.parse("2026-03-04T05:06:07.123Z");

    /** The store under test. */
    protected ClientStore.Writable store;

    /**
     * A new, empty store; called before each test.
     *
     * @return a store holding no clients, not shared with any other test
     */
    protected abstract ClientStore.Writable newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    // --- create and find ---

    @Test
    void createThenFindById() {
        Client app = client("my-app");
        store.create(app);

        assertThat(store.findById("my-app")).contains(app);
    }

    @Test
    void privateKeyJwtClientKeepsItsMethodAndKeys() {
        SigningKey key = SigningKey.generate(SigningAlgorithm.ES256);
        Client withJwks = Client.builder("signer").tokenEndpointAuthMethod("private_key_jwt")
                .jwks(Map.of("keys", List.of(key.publicJwk().orElseThrow()))).build();
        Client withUri = Client.builder("remote-signer").tokenEndpointAuthMethod("private_key_jwt")
                .jwksUri("https://signer.example/.well-known/jwks.json").build();
        store.createAll(List.of(withJwks, withUri));

        assertThat(store.findById("signer")).contains(withJwks);
        assertThat(store.findById("remote-signer")).contains(withUri);
        Client rotated = withJwks.toBuilder().jwks(null).jwksUri("https://signer.example/jwks").build();
        store.update(rotated);
        assertThat(store.findById("signer")).contains(rotated);
        assertThat(store.findById("signer").orElseThrow().tokenEndpointAuthMethod()).contains("private_key_jwt");
    }

    @Test
    void findWhenUnknownThenEmpty() {
        store.create(client("my-app"));

        assertThat(store.findById("other-app")).isEmpty();
        assertThat(store.findById(null)).isEmpty();
    }

    @Test
    void findByIdOrDeleteWhenIdHoldsControlOrInvisibleCharactersThenEmptyNotAnError() {
        store.create(client("app"));

        // PostgreSQL refuses a NUL in text with an error; the store must not even ask.
        assertThat(store.findById("app\u0000")).isEmpty();
        assertThat(store.findById("x\u0000\n<fake line>")).isEmpty();
        assertThat(store.findById("app\u200b")).isEmpty();
        assertThat(store.delete("app\u0000")).isFalse();
        assertThat(store.findById("app")).isPresent();
    }

    @Test
    void clientIdsCompareExactly() {
        Client upper = client("App").toBuilder().name("upper").build();
        Client lower = client("app").toBuilder().name("lower").secrets(List.of(secret("s9", T0))).build();

        store.create(upper);
        store.create(lower);

        assertThat(store.findById("App")).contains(upper);
        assertThat(store.findById("app")).contains(lower);
        assertThat(store.findById("APP")).isEmpty();
        assertThat(store.list(0, 10)).containsExactly(upper, lower);
    }

    @Test
    void deleteOfOneCaseLeavesTheOther() {
        store.create(client("App"));
        store.create(client("app"));

        assertThat(store.delete("app")).isTrue();

        assertThat(store.findById("App")).isPresent();
        assertThat(store.findById("app")).isEmpty();
    }

    // --- duplicates ---

    @Test
    void createWhenIdTakenThenDuplicateNamingIt() {
        Client first = client("my-app");
        store.create(first);

        assertThatThrownBy(() -> store.create(client("my-app").toBuilder().name("second").build()))
                .isInstanceOf(DuplicateException.class)
                .hasMessageContaining("'my-app'")
                .message().doesNotContain(SECRET_HASH);
        assertThat(store.findById("my-app")).contains(first);
    }

    @Test
    void createAllWhenAnEntryTakesAnExistingIdThenWritesNothing() {
        store.create(client("taken"));
        List<Client> clients = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            clients.add(client(String.format("app-%02d", i)));
        }
        clients.set(29, client("taken"));

        assertThatThrownBy(() -> store.createAll(clients))
                .isInstanceOf(DuplicateException.class)
                .hasMessageContaining("entry 30")
                .hasMessageContaining("'taken'");
        assertThat(store.list(0, 100)).extracting(Client::clientId).containsExactly("taken");
    }

    @Test
    void createAllWhenIdRepeatsWithinTheListThenWritesNothing() {
        List<Client> clients = List.of(client("a"), client("b"), client("a"));

        assertThatThrownBy(() -> store.createAll(clients))
                .isInstanceOf(DuplicateException.class)
                .hasMessageContaining("entry 3")
                .hasMessageContaining("'a'");
        assertThat(store.list(0, 10)).isEmpty();
    }

    @Test
    void createAllWritesEveryClientWithItsSecrets() {
        List<Client> clients = List.of(client("a"), client("b").toBuilder().secrets(List.of()).build(), client("c"));

        store.createAll(clients);

        assertThat(store.list(0, 10)).containsExactlyElementsOf(clients);
    }

    // --- secrets ---

    @Test
    void severalSecretsKeepTheirOrder() {
        List<ClientSecret> secrets = List.of(secret("s2", T0.plusSeconds(60)), secret("s1", T0), secret("s3", T0.plusSeconds(5)));
        Client app = client("my-app").toBuilder().secrets(secrets).build();

        store.create(app);

        assertThat(store.findById("my-app").orElseThrow().secrets()).containsExactlyElementsOf(secrets);
    }

    @Test
    void updateReplacesTheSecrets() {
        Client app = client("my-app").toBuilder().secrets(List.of(secret("s1", T0), secret("s2", T0))).build();
        store.create(app);

        Client rotated = app.toBuilder().secrets(List.of(secret("s2", T0), secret("s3", T0.plusSeconds(1)))).build();
        store.update(rotated);
        assertThat(store.findById("my-app")).contains(rotated);

        Client none = app.toBuilder().secrets(List.of()).build();
        store.update(none);
        assertThat(store.findById("my-app").orElseThrow().secrets()).isEmpty();
    }

    @Test
    void secretsOfOneClientStayWithIt() {
        store.create(client("a").toBuilder().secrets(List.of(secret("s1", T0))).build());
        store.create(client("b").toBuilder().secrets(List.of(secret("s1", T0.plusSeconds(1)))).build());

        store.delete("a");

        assertThat(store.findById("b").orElseThrow().secrets()).containsExactly(secret("s1", T0.plusSeconds(1)));
    }

    @Test
    void deleteRemovesTheSecrets() {
        store.create(client("my-app"));
        store.delete("my-app");

        Client bare = client("my-app").toBuilder().secrets(List.of()).build();
        store.create(bare);

        assertThat(store.findById("my-app").orElseThrow().secrets()).isEmpty();
    }

    @Test
    void secretCreationTimeKeepsAtLeastMilliseconds() {
        Instant fine = Instant.parse("2026-03-04T05:06:07.123456789Z");
        store.create(client("my-app").toBuilder().secrets(List.of(secret("s1", fine))).build());

        Instant back = store.findById("my-app").orElseThrow().secrets().get(0).createdAt();

        assertThat(back).isBetween(fine.truncatedTo(ChronoUnit.MILLIS), fine);
    }

    // --- update and delete ---

    @Test
    void updatePersistsChanges() {
        Client app = client("my-app");
        store.create(app);
        Client changed = app.toBuilder().name("renamed").enabled(false).scopes(List.of("b", "a"))
                .accessTokenLifetime(Duration.ofMinutes(2)).build();

        store.update(changed);

        assertThat(store.findById("my-app")).contains(changed);
    }

    @Test
    void updateWithUnchangedValuesSucceeds() {
        Client app = client("my-app");
        store.create(app);

        store.update(app);

        assertThat(store.findById("my-app")).contains(app);
    }

    @Test
    void updateWhenIdUnknownThenNotFound() {
        store.create(client("my-app"));

        assertThatThrownBy(() -> store.update(client("other-app")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("other-app");
        assertThat(store.findById("other-app")).isEmpty();
    }

    @Test
    void deleteReturnsTrueThenFalse() {
        store.create(client("my-app"));

        assertThat(store.delete("my-app")).isTrue();
        assertThat(store.delete("my-app")).isFalse();
        assertThat(store.findById("my-app")).isEmpty();
    }

    // --- list ---

    @Test
    void listOrdersByExactIdAndPages() {
        for (String id : List.of("b", "A", "c", "a", "B")) {
            store.create(client(id));
        }

        assertThat(store.list(0, 10)).extracting(Client::clientId).containsExactly("A", "B", "a", "b", "c");
        assertThat(store.list(1, 2)).extracting(Client::clientId).containsExactly("B", "a");
        assertThat(store.list(4, 10)).extracting(Client::clientId).containsExactly("c");
        assertThat(store.list(5, 10)).isEmpty();
        assertThat(store.list(0, 0)).isEmpty();
    }

    @Test
    void listReturnsWholeClients() {
        Client full = fullClient();
        Client other = client("other").toBuilder().secrets(List.of(secret("x", T0), secret("y", T0))).build();
        store.create(full);
        store.create(other);

        assertThat(store.list(0, 10)).containsExactly(full, other);
        assertThat(store.list(1, 1)).containsExactly(other);
    }

    @Test
    void listWhenOffsetOrLimitNegativeThenRefused() {
        assertThatThrownBy(() -> store.list(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- round trips ---

    @Test
    void everyFieldRoundTrips() {
        Client full = fullClient();
        store.create(full);

        Client found = store.findById(full.clientId()).orElseThrow();

        assertThat(found).isEqualTo(full);
        assertThat(found.name()).contains("Mon appli 🦊");
        assertThat(found.appId()).contains("my_app");
        assertThat(found.enabled()).isFalse();
        assertThat(found.confidential()).isTrue();
        assertThat(new ArrayList<>(found.grants())).containsExactly("refresh_token", "password", "client_credentials");
        assertThat(new ArrayList<>(found.scopes())).containsExactly("platform", "dialogue", "a:b");
    }

    @Test
    void lifetimesRoundTrip() {
        Client app = client("my-app").toBuilder()
                .accessTokenLifetime(Duration.ofMinutes(5))
                .refreshTokenLifetime(Duration.ofDays(30))
                .build();
        store.create(app);

        Client found = store.findById("my-app").orElseThrow();

        assertThat(found.accessTokenLifetime()).contains(Duration.ofMinutes(5));
        assertThat(found.refreshTokenLifetime()).contains(Duration.ofDays(30));
    }

    @Test
    void absentLifetimesAndOptionalsRoundTrip() {
        Client bare = Client.builder("bare").grants(List.of()).build();
        store.create(bare);

        Client found = store.findById("bare").orElseThrow();

        assertThat(found).isEqualTo(bare);
        assertThat(found.accessTokenLifetime()).isEmpty();
        assertThat(found.refreshTokenLifetime()).isEmpty();
        assertThat(found.name()).isEmpty();
        assertThat(found.appId()).isEmpty();
        assertThat(found.grants()).isEmpty();
        assertThat(found.scopes()).isEmpty();
        assertThat(found.redirectUris()).isEmpty();
        assertThat(found.secrets()).isEmpty();
    }

    @Test
    void redirectUrisKeepTheirOrder() {
        List<String> uris = List.of("https://app.example.com/callback?tenant=a&x=%20y",
                "com.example.app:/oauth2redirect", "http://127.0.0.1:8080/cb", "https://app.example.com/caf\u00e9");
        Client app = client("my-app").toBuilder().redirectUris(uris).build();
        store.create(app);

        assertThat(store.findById("my-app").orElseThrow().redirectUris()).containsExactlyElementsOf(uris);
    }

    @Test
    void publicClientRoundTrips() {
        Client spa = Client.builder("spa")
                .publicClient()
                .grants(List.of("authorization_code", "refresh_token"))
                .redirectUris(List.of("https://spa.example.com/cb"))
                .scopes(List.of("openid"))
                .build();
        store.create(spa);

        Client found = store.findById("spa").orElseThrow();

        assertThat(found).isEqualTo(spa);
        assertThat(found.confidential()).isFalse();
        assertThat(found.secrets()).isEmpty();
    }

    // --- helpers ---

    /**
     * A confidential client with one secret created at {@link #T0}.
     *
     * @param clientId the client's id
     * @return the client, with default settings otherwise
     */
    protected static Client client(String clientId) {
        return Client.builder(clientId).secrets(List.of(secret("s1", T0))).build();
    }

    /**
     * A client secret whose stored hash is {@link #SECRET_HASH} followed by its id, so that each secret of a client
     * is distinct and a test can check that no message gives the hash away.
     *
     * @param id the secret's id
     * @param createdAt when the secret was created
     * @return the secret
     */
    protected static ClientSecret secret(String id, Instant createdAt) {
        return new ClientSecret(id, SECRET_HASH + id, createdAt);
    }

    private static Client fullClient() {
        return Client.builder("Full.Client-1_~@+")
                .name("Mon appli 🦊")
                .secrets(List.of(secret("old", T0), secret("new", T0.plus(Duration.ofDays(1)))))
                .grants(List.of("refresh_token", "password", "client_credentials"))
                .scopes(List.of("platform", "dialogue", "a:b"))
                .redirectUris(List.of("https://full.example.com/b", "https://full.example.com/a"))
                .accessTokenLifetime(Duration.ofSeconds(90))
                .refreshTokenLifetime(Duration.ofHours(12))
                .appId("my_app")
                .enabled(false)
                .build();
    }
}
