package dev.lanyard.auth.examples.customstore;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientSecret;
import dev.lanyard.auth.client.InMemoryClientStore;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEventListener;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.password.ClientSecrets;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.refresh.InMemoryRefreshTokenStore;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.token.VerifiedToken;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserStore;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link LegacyUserStore} behind a real {@link TokenService}, over a PHP app's {@code app_users} table
 * holding {@code $2y$} bcrypt hashes. Each database gets a subclass that supplies the data source.
 *
 * <p>The auth-core {@code UserStoreContract} is not extended: every one of its cases starts by writing
 * users through the store, which a read-only store refuses. Its read cases (case and NFKC folding, exact
 * ids, unknown and null lookups) are repeated here over rows the app inserted itself.
 */
abstract class CustomUserStoreExampleCases {

    static final String SECRET = ClientSecrets.generate();
    static final KeyManager KEYS = KeyManager.builder().build();
    /** Cheap Argon2id parameters: the dummy check of unknown users and the (discarded) rehash stay fast. */
    static final PasswordHasher HASHER = PasswordHasher.builder().argon2id(8192, 1, 1).build();

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final List<AuthEvent> events = new CopyOnWriteArrayList<>();
    DataSource dataSource;
    LegacyUserStore store;
    TokenService tokens;

    /** The database's data source, with no {@code app_users} table or an old one to replace. */
    abstract DataSource database();

    @BeforeEach
    void createTheAppsTableAndTheService() throws SQLException {
        dataSource = database();
        sql("DROP TABLE IF EXISTS app_users");
        sql("CREATE TABLE app_users (id BIGINT PRIMARY KEY, login VARCHAR(128) NOT NULL UNIQUE, pw_hash VARCHAR(255),"
                + " email VARCHAR(254), full_name VARCHAR(128), is_active BOOLEAN, role VARCHAR(64))");
        insert(1, "Alice", phpHash("wonderland"), "alice@example.com", "Alice Liddell", true, "admin");
        insert(2, "bob", phpHash("builder"), null, null, false, "user");
        insert(3, "carol", null, null, null, true, null);

        store = new LegacyUserStore(dataSource);
        InMemoryClientStore clients = new InMemoryClientStore();
        clients.create(Client.builder("web").grants(Set.of("password", "refresh_token")).scopes(Set.of("profile"))
                .secrets(List.of(new ClientSecret("s1", ClientSecrets.digest(SECRET), clock.instant()))).build());
        tokens = TokenService.builder()
                .issuer("https://app.example")
                .keys(KEYS)
                .clients(clients)
                .users(store)
                .refreshTokens(new InMemoryRefreshTokenStore())
                .hasher(HASHER)
                .throttle(LoginThrottle.disabled())
                .listener(new AuthEventListener() {
                    @Override
                    public void onEvent(AuthEvent event) {
                        events.add(event);
                    }
                })
                .clock(clock)
                .build();
    }

    // --- the password grant over the legacy table ---

    @Test
    void passwordGrantWhenLoginTypedInAnyCaseThenTokenCarriesTheAppsIdUsernameAndRole() {
        for (String typed : List.of("Alice", "alice", "ALICE")) {
            TokenResponse r = tokens.grant(login(typed, "wonderland"));

            VerifiedToken t = tokens.verify(r.accessToken());
            assertThat(t.subject()).isEqualTo("1");
            assertThat(t.clientId()).isEqualTo("web");
            assertThat(t.claim("username")).contains("Alice");
            assertThat(t.claim("roles")).contains(List.of("admin"));
        }
    }

    @Test
    void passwordGrantWhenPasswordWrongThenInvalidGrant() {
        assertError(() -> tokens.grant(login("alice", "looking-glass")), OAuthError.INVALID_GRANT);
        assertError(() -> tokens.grant(login("alice", "Wonderland")), OAuthError.INVALID_GRANT);
    }

    @Test
    void passwordGrantWhenUserInactiveThenInvalidGrantEvenWithTheRightPassword() {
        assertError(() -> tokens.grant(login("bob", "builder")), OAuthError.INVALID_GRANT);
        assertThat(events).filteredOn(AuthEvent.LoginFailed.class::isInstance)
                .extracting(e -> ((AuthEvent.LoginFailed) e).reason()).containsExactly(AuthEvent.FailureReason.DISABLED);
    }

    @Test
    void passwordGrantWhenUserUnknownOrWithoutHashThenInvalidGrant() {
        assertError(() -> tokens.grant(login("mallory", "wonderland")), OAuthError.INVALID_GRANT);
        assertError(() -> tokens.grant(login("carol", "anything")), OAuthError.INVALID_GRANT);
    }

    @Test
    void passwordGrantWhenHashIsOldSchemeThenLoginSucceedsAndTheAppsHashStaysUntouched() throws SQLException {
        tokens.grant(login("alice", "wonderland"));
        tokens.grant(login("alice", "wonderland"));

        assertThat(events).filteredOn(e -> e instanceof AuthEvent.LoginSucceeded s && s.kind() == AuthEvent.PrincipalKind.USER)
                .hasSize(2);
        assertThat(events).noneMatch(AuthEvent.PasswordRehashed.class::isInstance);
        assertThat(hashInTable(1)).startsWith("$2y$").isEqualTo(store.findById("1").orElseThrow().passwordHash().orElseThrow());
    }

    @Test
    void refreshWhenTheAppDeactivatedTheUserThenInvalidGrant() throws SQLException {
        String refresh = tokens.grant(login("alice", "wonderland")).refreshTokenValue().orElseThrow();
        String next = tokens.grant(TokenRequest.refreshToken("web", SECRET, refresh).build()).refreshTokenValue().orElseThrow();

        sql("UPDATE app_users SET is_active = FALSE WHERE id = 1");

        assertError(() -> tokens.grant(TokenRequest.refreshToken("web", SECRET, next).build()), OAuthError.INVALID_GRANT);
    }

    @Test
    void passwordGrantWhenTwoLoginsDifferOnlyInCaseThenServerErrorNamingBothIds() throws SQLException {
        insert(4, "ALICE", phpHash("other"), null, null, true, "user");

        assertThatThrownBy(() -> tokens.grant(login("alice", "wonderland")))
                .isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(((AuthException) e).error()).isEqualTo(OAuthError.SERVER_ERROR))
                .hasMessageContaining("user ids [1, 4]")
                .message().doesNotContain("$2y$");
    }

    @Test
    void passwordGrantWhenTableMissingThenServerErrorWithoutTheDriversText() throws SQLException {
        sql("DROP TABLE app_users");

        assertThatThrownBy(() -> tokens.grant(login("alice", "wonderland")))
                .isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(((AuthException) e).error()).isEqualTo(OAuthError.SERVER_ERROR))
                .hasMessageContaining("find a user by username").hasMessageContaining("SQLState 42")
                .message().doesNotContainIgnoringCase("app_users not found").doesNotContain("does not exist");
    }

    // --- the read cases of UserStoreContract, over rows the app wrote ---

    @Test
    void findByUsernameIgnoresCaseAndNormalisesNfkcButKeepsTheLoginAsStored() {
        assertThat(store.findByUsername("ALICE")).get().extracting(User::id, User::username).containsExactly("1", "Alice");
        assertThat(store.findByUsername("\uff41\uff4c\uff49\uff43\uff45")).get().extracting(User::id).isEqualTo("1");
    }

    @Test
    void findByUsernameWhenOnlyAccentsOrATrailingSpaceDifferThenNoMatch() throws SQLException {
        insert(5, "resume", null, null, null, true, null);
        insert(6, "dave\u00a0x", null, null, null, true, null);

        assertThat(store.findByUsername("r\u00e9sum\u00e9")).isEmpty();
        assertThat(store.findByUsername("Alice\u00a0")).isEmpty();
        // RFC 8265 disallows every space, the no-break space too: such a legacy login matches nothing (rename it).
        assertThat(store.findByUsername("DAVE\u00a0X")).isEmpty();
        assertThat(store.findByUsername("dave\u00a0x")).isEmpty();
    }

    @Test
    void findByIdComparesTheDecimalIdExactly() {
        assertThat(store.findById("1")).get().extracting(User::username).isEqualTo("Alice");
        assertThat(store.findById("01")).isEmpty();
        assertThat(store.findById("+1")).isEmpty();
        assertThat(store.findById("alice")).isEmpty();
        assertThat(store.findById("99")).isEmpty();
    }

    @Test
    void findWhenUnknownOrNullThenEmpty() {
        assertThat(store.findByUsername("mallory")).isEmpty();
        assertThat(store.findByUsername("")).isEmpty();
        assertThat(store.findByUsername(null)).isEmpty();
        assertThat(store.findById(null)).isEmpty();
    }

    @Test
    void everyColumnMapsToTheUser() throws SQLException {
        insert(7, "erin", null, null, null, null, "  ");

        User alice = store.findById("1").orElseThrow();
        assertThat(alice.email()).contains("alice@example.com");
        assertThat(alice.firstName()).contains("Alice Liddell");
        assertThat(alice.lastName()).isEmpty();
        assertThat(alice.roles()).containsExactly("admin");
        assertThat(alice.enabled()).isTrue();
        assertThat(store.findById("2").orElseThrow().enabled()).isFalse();
        User carol = store.findById("3").orElseThrow();
        assertThat(carol.passwordHash()).isEmpty();
        assertThat(carol.roles()).isEmpty();
        User erin = store.findById("7").orElseThrow();
        assertThat(erin.enabled()).as("a NULL is_active is not active").isFalse();
        assertThat(erin.roles()).as("a blank role is no role").isEmpty();
    }

    @Test
    void aRowThatIsNoValidUserFailsTheLookupNamingItsId() throws SQLException {
        insert(8, " frank", null, null, null, true, null);

        assertThatThrownBy(() -> store.findById("8"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("user id 8").hasMessageContaining("username");
    }

    @Test
    void writesAreRefusedAndTheTableIsNeverChanged() throws SQLException {
        User alice = store.findById("1").orElseThrow();
        String hash = hashInTable(1);
        UserStore users = store;

        // Read-only by type now: there is no create/update/delete to call, and no hash upgrade to ask for.
        assertThat(users).isNotInstanceOf(UserStore.Writable.class)
                .isNotInstanceOf(dev.lanyard.auth.user.PasswordUpgrade.class);
        assertThat(store.findById("1")).contains(alice);
        assertThat(hashInTable(1)).isEqualTo(hash);
    }

    // --- helpers ---

    static TokenRequest login(String username, String password) {
        return TokenRequest.password("web", SECRET, username, password.toCharArray()).build();
    }

    /** What PHP's {@code password_hash($pw, PASSWORD_BCRYPT)} stores, at cost 4 to keep the test fast (PHP uses 10). */
    static String phpHash(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return OpenBSDBCrypt.generate("2y", password.getBytes(StandardCharsets.UTF_8), salt, 4);
    }

    static void assertError(Runnable call, OAuthError expected) {
        assertThatThrownBy(call::run).isInstanceOf(AuthException.class)
                .satisfies(e -> assertThat(((AuthException) e).error()).isEqualTo(expected));
    }

    void insert(long id, String login, String hash, String email, String fullName, Boolean active, String role)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO app_users (id, login, pw_hash, email, full_name,"
                     + " is_active, role) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, login);
            ps.setString(3, hash);
            ps.setString(4, email);
            ps.setString(5, fullName);
            ps.setObject(6, active, java.sql.Types.BOOLEAN);
            ps.setString(7, role);
            ps.executeUpdate();
        }
    }

    String hashInTable(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT pw_hash FROM app_users WHERE id = ?")) {
            ps.setLong(1, id);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
