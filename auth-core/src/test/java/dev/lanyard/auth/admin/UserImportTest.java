package dev.lanyard.auth.admin;

import dev.lanyard.auth.DuplicateException;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEventListener;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.user.InMemoryUserStore;
import dev.lanyard.auth.user.User;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserImportTest {

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final PasswordHasher hasher = PasswordHasher.builder().argon2id(8192, 1, 1).build();
    final InMemoryUserStore users = new InMemoryUserStore();
    final List<AuthEvent> events = new ArrayList<>();
    final UserAdmin admin = new UserAdmin(users, hasher, AuthEvents.of(new AuthEventListener() {
        @Override
        public void onEvent(AuthEvent event) {
            events.add(event);
        }
    }), clock);

    static final String YAML = """
            # users for the demo
            - username: alice
              password: wonderland
              email: alice@example.com
              firstName: Alice
              lastName: Liddell
              lang: ENU
              roles: [user, admin]
              appId: my_app
            - username: bob
              password: builder-bob
            """;

    @Test
    void plainPasswordsAreHashedOnSeveralThreadsBoundedByHalfTheSlotsAndEachUserGetsHerOwn() {
        PasswordHasher fourSlots = PasswordHasher.builder().argon2id(8192, 1, 1)
                .maxConcurrent(4, java.time.Duration.ofSeconds(5)).build();
        UserAdmin parallel = new UserAdmin(users, fourSlots, AuthEvents.none(), clock);
        StringBuilder yaml = new StringBuilder("- {username: kept, password: '")
                .append(fourSlots.hash("kept-password".toCharArray())).append("'}\n");
        for (int i = 0; i < 12; i++) {
            yaml.append("- {username: user").append(i).append(", password: 'password-").append(i).append("'}\n");
        }
        List<String> seen = new ArrayList<>();

        int imported = parallel.importUsers(yaml.toString(), "users.yaml", new ImportProgress() {
            @Override
            public void started(int entries, int toHash, int threads) {
                seen.add(entries + " " + toHash + " " + threads);
            }

            @Override
            public void progress(int done, int total) {
                seen.add(done + "/" + total);
            }
        });

        assertThat(imported).isEqualTo(13);
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), 2);
        assertThat(seen).first().isEqualTo("13 12 " + threads);
        assertThat(seen).hasSize(14).contains("1/13").last().isEqualTo("13/13");
        for (int i = 0; i < 12; i++) {
            String hash = users.findByUsername("user" + i).orElseThrow().passwordHash().orElseThrow();
            assertThat(fourSlots.verify(("password-" + i).toCharArray(), hash)).as("user" + i).isTrue();
        }
        assertThat(fourSlots.verify("kept-password".toCharArray(),
                users.findByUsername("kept").orElseThrow().passwordHash().orElseThrow())).isTrue();
    }

    @Test
    void yamlFileOfTheSeedFormatImportsAndPasswordsAreHashed() {
        assertThat(admin.importUsers(YAML, "users.yaml", ImportProgress.none())).isEqualTo(2);

        User alice = users.findByUsername("alice").orElseThrow();
        assertThat(alice.email()).contains("alice@example.com");
        assertThat(alice.firstName()).contains("Alice");
        assertThat(alice.lastName()).contains("Liddell");
        assertThat(alice.lang()).contains("ENU");
        assertThat(alice.appId()).contains("my_app");
        assertThat(alice.roles()).containsExactly("user", "admin");
        assertThat(alice.passwordHash().orElseThrow()).startsWith("$argon2id$").doesNotContain("wonderland");
        assertThat(hasher.verify("wonderland".toCharArray(), alice.passwordHash().orElseThrow())).isTrue();
        assertThat(events).singleElement().isInstanceOfSatisfying(AuthEvent.Imported.class,
                e -> assertThat(e.count()).isEqualTo(2));
    }

    @Test
    void importNewUsersKeepsExistingUsersAndTheirPasswordsAndAddsTheRest() {
        admin.createUser(User.builder("Alice").build(), "changed-since".toCharArray());

        assertThat(admin.importNewUsers(YAML, "users.yaml", ImportProgress.none())).isEqualTo(1);
        assertThat(admin.importNewUsers(YAML, "users.yaml", ImportProgress.none())).isZero();

        User alice = users.findByUsername("alice").orElseThrow();
        assertThat(hasher.verify("changed-since".toCharArray(), alice.passwordHash().orElseThrow())).isTrue();
        assertThat(alice.email()).isEmpty();
        assertThat(users.findByUsername("bob")).isPresent();
        assertThatThrownBy(() -> admin.importUsers(YAML, "users.yaml", ImportProgress.none()))
                .isInstanceOf(DuplicateException.class);
    }

    @Test
    void importNewUsersStillChecksEveryEntry() {
        admin.createUser(User.builder("alice").build(), "pw-password".toCharArray());

        assertThatThrownBy(() -> admin.importNewUsers("- {username: alice, password: ''}\n", "u.yaml",
                ImportProgress.none())).isInstanceOf(ImportException.class).hasMessageContaining("password");
    }

    @Test
    void jsonFileImportsToo() {
        String json = "[{\"username\":\"carol\",\"password\":\"carol-x1-pw\",\"enabled\":false,\"scopes\":[\"read\"]}]";

        admin.importUsers(json, "users.json", ImportProgress.none());

        User carol = users.findByUsername("carol").orElseThrow();
        assertThat(carol.enabled()).isFalse();
        assertThat(carol.scopes()).containsExactly("read");
    }

    @Test
    void existingHashesAreKeptAsTheyAre() {
        String argon = hasher.hash("a-pass".toCharArray());
        String bcrypt = OpenBSDBCrypt.generate("2b", "b-pass".getBytes(StandardCharsets.UTF_8), new byte[16], 4);
        String pbkdf2 = "$pbkdf2-sha256$i=1000,l=32$c2FsdHNhbHRzYWx0$"
                + java.util.Base64.getEncoder().withoutPadding().encodeToString(pbkdf2("c-pass", "saltsaltsalt", 1000));
        String yaml = "- {username: a, password: '" + argon + "'}\n"
                + "- {username: b, password: '" + bcrypt + "'}\n"
                + "- {username: c, password: '" + pbkdf2 + "'}\n";

        admin.importUsers(yaml, "hashes.yaml", ImportProgress.none());

        assertThat(users.findByUsername("a").orElseThrow().passwordHash()).contains(argon);
        assertThat(users.findByUsername("b").orElseThrow().passwordHash()).contains(bcrypt);
        assertThat(users.findByUsername("c").orElseThrow().passwordHash()).contains(pbkdf2);
        assertThat(hasher.verify("c-pass".toCharArray(), pbkdf2)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            alias of an entry   | '- &a {username: a1, password: long-password}\\n- *a\\n'                            | line 1: YAML anchors (&name) are not supported
            alias of a password | '- {username: a1, password: long-password}\\n- {username: a2, password: *pw}\\n' | line 2: YAML aliases (*name) are not supported
            anchor on a value   | '- {username: &u bob, password: long-password}\\n'                                | line 1: YAML anchors (&name) are not supported
            merge key           | '- {username: a1, <<: *base}\\n'                                                 | line 1: YAML aliases (*name) are not supported
            """)
    void importWhenYamlAnchorsOrAliasesThenRefusedRatherThanImportedAsTheirName(String name, String yaml, String expected) {
        assertThatThrownBy(() -> admin.importUsers(yaml.replace("\\n", "\n"), "users.yaml", ImportProgress.none()))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("users.yaml: " + expected);
        assertThat(users.findByUsername("a1")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a list as a key    | '- {? [a, b] : c}\\n'
            nesting too deep   | 'DEEP'
            a tab indentation  | '\t- a\n'
            """)
    void importErrorsNeverNameALibraryClass(String name, String yaml) {
        String content = yaml.equals("DEEP") ? "[".repeat(1200) : yaml.replace("\\n", "\n").replace("\\t", "\t");

        assertThatThrownBy(() -> admin.importUsers(content, "users.yaml", ImportProgress.none()))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("users.yaml: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("(?i)jackson|snakeyaml|fasterxml|`|[a-z]+\\.[a-z]+\\.[A-Z]"));
    }

    static final String SALT = "c2FsdHNhbHRzYWx0c2FsdA";
    static final String HASH32 = "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            argon2id 1 GiB and 100 passes | $argon2id$v=19$m=1048576,t=100,p=1$SALT$HASH | argon2id memory (m, KiB) is 1048576, above the accepted maximum of 131072
            argon2id 100 passes           | $argon2id$v=19$m=19456,t=100,p=1$SALT$HASH   | argon2id iterations (t) is 100, above the accepted maximum of 10
            argon2id 32 lanes             | $argon2id$v=19$m=19456,t=2,p=32$SALT$HASH    | argon2id parallelism (p) is 32, above the accepted maximum of 16
            bcrypt cost 16                | BCRYPT16                                     | bcrypt cost is 16, above the accepted maximum of 14
            pbkdf2 3 million iterations   | $pbkdf2-sha256$i=3000000,l=32$SALT$HASH      | pbkdf2-sha256 iterations is 3000000, above the accepted maximum of 2000000
            """)
    void importWhenAHashCostsMoreThanTheCapsThenRefusedNamingTheEntry(String name, String template, String expected) {
        String bcrypt16 = OpenBSDBCrypt.generate("2b", "b-pass".getBytes(StandardCharsets.UTF_8), new byte[16], 4)
                .replace("$04$", "$16$");
        String hash = template.replace("SALT", SALT).replace("HASH", HASH32).replace("BCRYPT16", bcrypt16);
        String yaml = "- {username: fine, password: wonderland}\n- {username: costly, password: '" + hash + "'}\n";

        assertThatThrownBy(() -> admin.importUsers(yaml, "users.yaml", ImportProgress.none()))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("users.yaml: entry 2 (line 2): 'password' is not an accepted hash")
                .hasMessageContaining(expected)
                .hasMessageNotContaining(SALT);
        assertThat(users.findByUsername("fine")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not a list            | 'username: alice'                                           | line 1: expected a list
            empty file            | ''                                                          | the file is empty
            entry not an object   | '- alice'                                                   | entry 1 (line 1): expected an object
            unknown field         | '- {username: a, pasword: x}'                                | entry 1 (line 1): unknown field 'pasword'
            missing username      | '- {password: x}'                                            | entry 1 (line 1): 'username' is required
            missing password      | '- {username: a}'                                            | entry 1 (line 1): 'password' is required
            empty password        | '- {username: a, password: ""}'                              | 'password' must not be empty
            roles not a list      | '- {username: a, password: x, roles: admin}'                 | 'roles' must be a list of strings
            enabled not a boolean | '- {username: a, password: x, enabled: yes-please}'          | 'enabled' must be true or false
            bad username          | '- {username: " a", password: x}'                            | username must not start or end with whitespace
            duplicate key         | '- {username: a, username: b, password: x}'                  | Duplicate field 'username'
            broken yaml           | '- {username: a, password: [x'                               | not valid YAML
            bad scope             | '- {username: a, password: x, scopes: ["a b"]}'              | has a character RFC 6749 does not allow
            unsupported hash      | '- {username: a, password: "$argon2i$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA"}' | looks like a 'argon2i' hash
            """)
    void malformedFilesAreRefusedNamingTheProblem(String name, String content, String expected) {
        assertThatThrownBy(() -> admin.importUsers(content, "users.yaml", ImportProgress.none()))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("users.yaml: ")
                .hasMessageContaining(expected);
        assertThat(users.count()).isZero();
    }

    @Test
    void errorsNameTheEntryAndItsLine() {
        String yaml = YAML + "- username: carol\n  pasword: typo\n";

        assertThatThrownBy(() -> admin.importUsers(yaml, "users.yaml", ImportProgress.none()))
                .hasMessage("users.yaml: entry 3 (line 12): unknown field 'pasword'; expected one of "
                        + UserAdmin.FIELDS);
    }

    @Test
    void importWhenAUsernameIsDisallowedByRfc8265ThenRefusedNamingEntryLineAndCodePoint() {
        String yaml = YAML + "- username: \"root\\u200B\"\n  password: pw-123456\n";

        assertThatThrownBy(() -> admin.importUsers(yaml, "users.yaml", ImportProgress.none()))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("users.yaml: entry 3 (line 12)")
                .hasMessageContaining("username must not contain control or invisible characters");
        assertThatThrownBy(() -> admin.importUsers(YAML + "- username: henry\u2163\n  password: pw-123456\n",
                "users.yaml", ImportProgress.none()))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("entry 3 (line 12)").hasMessageContaining("RFC 8265").hasMessageContaining("U+2173");
        assertThat(users.count()).isZero();
    }

    @Test
    void yamlSyntaxErrorsNeverEchoThePassword() {
        String yaml = "- username: a\n  password: \"s3cret-value\n- username: b\n";

        assertThatThrownBy(() -> admin.importUsers(yaml, "users.yaml", ImportProgress.none()))
                .isInstanceOf(ImportException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    @Test
    void thousandUsersWithAnInvalidRow600WriteNothingAndNameRow600() {
        StringBuilder yaml = new StringBuilder();
        String hash = OpenBSDBCrypt.generate("2b", "pw".getBytes(StandardCharsets.UTF_8), new byte[16], 4);
        for (int i = 1; i <= 1000; i++) {
            yaml.append("- {username: user").append(i).append(i == 600 ? ", passwrd: '" : ", password: '")
                    .append(hash).append("'}\n");
        }

        assertThatThrownBy(() -> admin.importUsers(yaml.toString(), "big.yaml", ImportProgress.none()))
                .hasMessageContaining("entry 600 (line 600)");
        assertThat(users.count()).isZero();
    }

    @Test
    void thousandUsersWhereRow600IsTakenWriteNothingAndNameRow600() {
        users.create(User.builder("user600").build());
        StringBuilder yaml = new StringBuilder();
        String hash = OpenBSDBCrypt.generate("2b", "pw".getBytes(StandardCharsets.UTF_8), new byte[16], 4);
        for (int i = 1; i <= 1000; i++) {
            yaml.append("- {username: User").append(i).append(", password: '").append(hash).append("'}\n");
        }
        List<Integer> progress = new ArrayList<>();

        assertThatThrownBy(() -> admin.importUsers(yaml.toString(), "big.yaml", (done, total) -> progress.add(done)))
                .isInstanceOf(DuplicateException.class)
                .hasMessageContaining("entry 600").hasMessageContaining("User600");
        assertThat(users.count()).isEqualTo(1);
        assertThat(progress).hasSize(1000).endsWith(1000);
    }

    @Test
    void aUsernameRepeatedInTheFileIsRefused() {
        String yaml = "- {username: Alice, password: x-password}\n- {username: alice, password: y-password}\n";

        assertThatThrownBy(() -> admin.importUsers(yaml, "users.yaml", ImportProgress.none()))
                .isInstanceOf(DuplicateException.class).hasMessageContaining("entry 2");
        assertThat(users.count()).isZero();
    }

    private static byte[] pbkdf2(String password, String salt, int iterations) {
        try {
            javax.crypto.SecretKeyFactory f = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            return f.generateSecret(new javax.crypto.spec.PBEKeySpec(password.toCharArray(),
                    salt.getBytes(StandardCharsets.UTF_8), iterations, 256)).getEncoded();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
