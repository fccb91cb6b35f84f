package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.auth.InvalidCredentialsException;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.reference.ReferenceToken;
import dev.lanyard.auth.refresh.InvalidRefreshTokenException;
import dev.lanyard.auth.refresh.RefreshTokens;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserAuthenticator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.lanyard.auth.examples.RunningDemo.basic;
import static dev.lanyard.auth.examples.RunningDemo.bearer;
import static dev.lanyard.auth.examples.RunningDemo.ok;
import static dev.lanyard.auth.examples.RunningDemo.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code users import|add|list|set-password|disable|enable|remove}. */
class UsersCommandTest extends CliTestSupport {

    @Test
    void importThenListShowsTheUsersWithoutHashes() throws Exception {
        Path file = usersFile();

        Result imported = run("users", "import", file.toString());
        Result listed = run("users", "list");

        assertThat(imported.code()).isZero();
        assertThat(imported.out()).isEqualTo("Imported 2 users from " + file + System.lineSeparator());
        assertThat(listed.code()).isZero();
        assertThat(listed.out().lines().toList()).hasSize(3);
        assertThat(listed.out().lines().findFirst().orElseThrow()).contains("USERNAME", "ID", "ROLES", "ENABLED");
        assertThat(listed.out()).containsPattern("alice\\s+\\S+\\s+admin,user\\s+yes")
                .containsPattern("bob\\s+\\S+\\s+user\\s+yes")
                .doesNotContain("$argon2");
        assertNoPasswords(imported);
        assertNoPasswords(listed);
        try (DataDir dir = DataDir.open(data, null)) {
            String hash = dir.users().findByUsername("alice").flatMap(User::passwordHash).orElseThrow();
            assertThat(PasswordHasher.defaults().verify(ALICE_PASSWORD.toCharArray(), hash)).isTrue();
        }
    }

    @Test
    void importTwiceIsRefusedUnlessSkipExisting() throws Exception {
        Path file = usersFile();
        run("users", "import", file.toString());

        Result again = run("users", "import", file.toString());
        Result skipping = run("users", "import", "--skip-existing", file.toString());

        assertThat(again.code()).as("a conflict, not a usage error").isEqualTo(1);
        assertThat(again.errLines()).singleElement().asString().contains("already taken");
        assertThat(skipping.code()).as(skipping.err()).isZero();
        assertThat(skipping.out()).startsWith("Imported 0 users");
    }

    @Test
    void importWhenManyPlainPasswordsThenProgressLinesWithRateAndNoCarriageReturns() throws Exception {
        int n = UsersImportCommand.PROGRESS_FROM;
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < n; i++) {
            yaml.append("- username: user").append(i).append('\n').append("  password: 'password-").append(i)
                    .append("'\n");
        }
        Path file = write("many.yaml", yaml.toString());

        Result r = run("users", "import", file.toString());

        assertThat(r.code()).as(r.err()).isZero();
        int threads = Math.min(Runtime.getRuntime().availableProcessors(),
                Math.max(1, PasswordHasher.defaults().maxConcurrent() / 2));
        assertThat(r.errLines()).first().asString()
                .isEqualTo("hashing " + n + " passwords (Argon2id) on " + threads + (threads == 1 ? " thread" : " threads"));
        // Not a terminal: whole lines, never a carriage return per user; the last one says it is done.
        assertThat(r.err()).doesNotContain("\r");
        assertThat(r.errLines()).last().asString().matches("hashing " + n + "/" + n + ", [0-9.]+/s, done");
        assertThat(r.out()).startsWith("Imported " + n + " users");
    }

    @Test
    void listWithLimitAndOffsetShowsThatRangeAndSaysWhereTheRestStarts() throws Exception {
        String hash = PasswordHasher.defaults().hash(ALICE_PASSWORD.toCharArray());
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            yaml.append("- {username: user").append(i).append(", password: '").append(hash).append("'}\n");
        }
        assertThat(run("users", "import", write("seven.yaml", yaml.toString()).toString()).code()).isZero();
        List<String> all = run("users", "list").out().lines().skip(1).toList();

        Result firstThree = run("users", "list", "--limit", "3");
        Result lastTwo = run("users", "list", "--offset", "5", "--limit", "3");
        Result pastTheEnd = run("users", "list", "--offset", "7");

        assertThat(all).hasSize(7);
        assertThat(firstThree.out().lines().toList()).hasSize(5)
                .containsSubsequence(all.subList(0, 3)).endsWith("Showing 1 to 3; more with --offset 3.");
        assertThat(lastTwo.out().lines().skip(1).toList()).isEqualTo(all.subList(5, 7));
        assertThat(pastTheEnd.out()).startsWith("Nothing from --offset 7 on.");
        Result zero = run("users", "list", "--limit", "0");
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("--limit must be at least 1, got 0");
    }

    @Test
    void importWhenEveryPasswordIsAlreadyAHashThenNoHashingLine() throws Exception {
        // already hashed, so the test does not wait for Argon2id once per entry
        String hash = PasswordHasher.defaults().hash(ALICE_PASSWORD.toCharArray());
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < UsersImportCommand.PROGRESS_FROM; i++) {
            yaml.append("- username: user").append(i).append('\n').append("  password: '").append(hash).append("'\n");
        }
        Path file = write("many.yaml", yaml.toString());

        Result r = run("users", "import", file.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("hashing");
        assertThat(r.out()).startsWith("Imported " + UsersImportCommand.PROGRESS_FROM + " users");
    }

    @Test
    void importProgressOffATerminalIsALineEveryFiveSecondsWithTheTimeLeft() {
        StringWriter err = new StringWriter();
        long[] now = {0};
        UsersImportCommand.Progress progress =
                new UsersImportCommand.Progress(new PrintWriter(err, true), false, () -> now[0]);

        progress.started(1010, 1000, 2);
        for (int prepared = 1; prepared <= 1010; prepared++) {
            now[0] += 20_000_000L; // 50 entries a second
            progress.progress(prepared, 1010);
        }

        assertThat(err.toString().lines().toList()).containsExactly(
                "hashing 1000 passwords (Argon2id) on 2 threads; 10 entries keep their imported hash",
                // the 10 kept hashes are ready at once and shown as nothing; then a line per 5 s
                "hashing 240/1000, 48/s, about 16 s left",
                "hashing 490/1000, 49/s, about 10 s left",
                "hashing 740/1000, 49/s, about 5 s left",
                "hashing 990/1000, 50/s, under 1 s left",
                "hashing 1000/1000, 50/s, done");
    }

    @Test
    void importInterruptedWhileHashingThenSaysNothingWasImportedAndNothingWas() throws Exception {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            yaml.append("- {username: user").append(i).append(", password: 'password-").append(i).append("'}\n");
        }
        Path file = write("slow.yaml", yaml.toString());

        Path errFile = tmp.resolve("import.err");
        Process child = MainProcess.of("users", "import", file.toString(), "--data", data.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errFile.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(errFile).contains("hashing 400 passwords") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(Files.readString(errFile)).startsWith("hashing 400 passwords");
        child.destroy(); // SIGTERM, as Ctrl-C's SIGINT, runs the shutdown hooks
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String rest = Files.readString(errFile);

        assertThat(rest).contains("interrupted: nothing was imported");
        assertThat(run("users", "list").out()).startsWith("No users yet");
    }

    @Test
    void importWhenEntryMalformedThenExit2NamingTheLine() throws Exception {
        Path file = write("bad.yaml", """
                - username: alice
                  password: %s
                - username: bob
                  pasword: %s
                """.formatted(ALICE_PASSWORD, BOB_PASSWORD));

        Result r = run("users", "import", file.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("entry 2 (line 3)").contains("unknown field 'pasword'");
        assertNoPasswords(r);
        assertThat(run("users", "list").out()).doesNotContain("alice");
    }

    @Test
    void importWhenYamlBrokenThenExit2NamingTheLine() throws Exception {
        Path file = write("broken.yaml", "- username: alice\n  password: [unclosed\n");

        Result r = run("users", "import", file.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("line ");
    }

    @Test
    void importWhenFileMissingThenExit2WithOneLine() {
        Result r = run("users", "import", tmp.resolve("nope.yaml").toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("nope.yaml: no such file");
    }

    @Test
    void importWhenUsernameTakenThenExit1AndNothingImported() throws Exception {
        run("users", "import", usersFile().toString());
        Path again = write("again.yaml", "- username: carol\n  password: x-Pw-1-long\n- username: alice\n  password: y-Pw-2-long\n");

        Result r = run("users", "import", again.toString());

        assertThat(r.code()).as("a conflict, not a usage error").isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().contains("'alice' is already taken");
        assertThat(run("users", "list").out()).doesNotContain("carol");
    }

    @Test
    void addWithPasswordStdinThenTheUserCanLogIn() {
        System.setIn(new ByteArrayInputStream((BOB_PASSWORD + "\nnot read\n").getBytes(StandardCharsets.UTF_8)));

        Result r = run("users", "add", "--username", "bob", "--email", "bob@example.com", "--role", "user",
                "--role", "admin", "--lang", "ENU", "--password-stdin");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Added user bob (id ");
        assertNoPasswords(r);
        try (DataDir dir = DataDir.open(data, null)) {
            User bob = dir.users().findByUsername("bob").orElseThrow();
            assertThat(bob.roles()).containsExactlyInAnyOrder("user", "admin");
            assertThat(bob.email()).contains("bob@example.com");
            assertThat(PasswordHasher.defaults().verify(BOB_PASSWORD.toCharArray(), bob.passwordHash().orElseThrow()))
                    .isTrue();
        }
    }

    @Test
    void addWhenPasswordGivenAsArgumentThenExit2WithoutEchoingIt() {
        Result r = run("users", "add", "--username", "bob", "--password", BOB_PASSWORD);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--password-stdin");
        assertNoPasswords(r);
    }

    @Test
    void addWhenUsernameTakenThenExit1WithDuplicateMessage() {
        System.setIn(new ByteArrayInputStream((BOB_PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));
        run("users", "add", "--username", "bob", "--password-stdin");
        System.setIn(new ByteArrayInputStream((BOB_PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));

        Result r = run("users", "add", "--username", "bob", "--password-stdin");

        assertThat(r.code()).as("a conflict, not a usage error").isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().contains("'bob' is already taken")
                .doesNotContain("entry"); // one user, not an import
        assertNoPasswords(r);
    }

    @Test
    void addWhenPasswordShorterThanThePolicyThenExit2NamingTheRuleAndAddsNobody() {
        System.setIn(new ByteArrayInputStream("seven77\n".getBytes(StandardCharsets.UTF_8)));

        Result r = run("users", "add", "--username", "bob", "--password-stdin");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("the password must be at least 8 characters long");
        assertThat(r.err() + r.out()).doesNotContain("seven77");
        assertThat(run("users", "list").out()).doesNotContain("bob");
    }

    @Test
    void addWhenStdinEmptyThenExit2() {
        System.setIn(new ByteArrayInputStream(new byte[0]));

        Result r = run("users", "add", "--username", "bob", "--password-stdin");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("no password");
    }

    @Test
    void importWhenCsvThenExit2SayingUseYamlOrJson() throws Exception {
        Path file = write("users.csv", "username,password\nalice,wonderland\n");

        Result r = run("users", "import", file.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("CSV is not supported, use YAML or JSON");
        assertNoPasswords(r);
    }

    @Test
    void disableThenHerRefreshTokenIsDeadHerAccessTokenRevokedAndHerPasswordRefused() throws Exception {
        run("users", "import", usersFile().toString());
        Login alice = login("alice");
        Login bob = login("bob");
        try (DataDir dir = DataDir.open(data, null)) {
            Instant now = Instant.now();
            dir.referenceTokens().save(new ReferenceToken("d-alice", "r-alice", "web-app",
                    dir.users().findByUsername("alice").orElseThrow().id(), Set.of("read"), now,
                    now.plusSeconds(600), now.plusSeconds(3600)));
        }

        Result r = run("users", "disable", "alice");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).singleElement().asString()
                .isEqualTo("Disabled user alice; the user's sessions ended (refresh tokens revoked, "
                        + "2 live access tokens revoked).");
        assertThat(run("users", "list").out()).containsPattern("alice\\s+\\S+\\s+admin,user\\s+no");
        try (DataDir dir = DataDir.open(data, null)) {
            assertThat(dir.revocations().isRevoked(alice.jti())).isTrue();
            assertThat(dir.revocations().isRevoked(bob.jti())).isFalse();
            assertThat(dir.referenceTokens().find("d-alice")).as("her opaque token").isEmpty();
            assertThatThrownBy(() -> rotate(dir, alice.refreshToken())).isInstanceOf(InvalidRefreshTokenException.class);
            rotate(dir, bob.refreshToken());
        }
        assertThatThrownBy(() -> authenticate("alice", ALICE_PASSWORD)).isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void disableBetweenTwoRunsOfTheServerThenHerAccessRefreshTokenAndPasswordAreRefused() {
        MutableClock clock = new MutableClock(Instant.now()); // the CLI revokes what is live by the real clock
        JsonNode tokens;
        try (RunningDemo demo = RunningDemo.start(data, clock, "--issuer", RestartTest.ISSUER)) {
            tokens = ok(demo.postForm("/oauth2/token", params("grant_type", "password", "username", "alice",
                    "password", "wonderland"), "Authorization", basic("web", "web-secret-123")), 200);
        }

        Result r = run("users", "disable", "alice");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 live access token revoked");
        try (RunningDemo demo = RunningDemo.start(data, clock, "--issuer", RestartTest.ISSUER)) {
            assertThat(demo.get("/api/whoami", "Authorization", bearer(tokens.get("access_token").asText()))
                    .statusCode()).isEqualTo(401);
            assertThat(demo.postForm("/oauth2/token", params("grant_type", "refresh_token", "refresh_token",
                    tokens.get("refresh_token").asText()), "Authorization", basic("web", "web-secret-123"))
                    .statusCode()).isEqualTo(400);
            assertThat(demo.postForm("/oauth2/token", params("grant_type", "password", "username", "alice",
                    "password", "wonderland"), "Authorization", basic("web", "web-secret-123")).statusCode())
                    .as("the users file imported at start keeps what exists: she stays disabled").isEqualTo(400);
        }
    }

    @Test
    void enableAfterDisableThenHerPasswordAuthenticatesAgain() throws Exception {
        run("users", "import", usersFile().toString());
        run("users", "disable", "alice");

        Result r = run("users", "enable", "alice");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).singleElement().asString().startsWith("Enabled user alice;");
        assertThat(authenticate("alice", ALICE_PASSWORD).username()).isEqualTo("alice");
    }

    @Test
    void removeThenListNoLongerShowsHerAndHerSessionsEnded() throws Exception {
        run("users", "import", usersFile().toString());
        Login alice = login("alice");

        Result r = run("users", "remove", "alice");
        Result listed = run("users", "list");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).singleElement().asString().startsWith("Removed user alice; ")
                .contains("1 live access token revoked");
        assertThat(listed.out()).doesNotContain("alice").contains("bob");
        try (DataDir dir = DataDir.open(data, null)) {
            assertThat(dir.revocations().isRevoked(alice.jti())).isTrue();
            assertThatThrownBy(() -> rotate(dir, alice.refreshToken())).isInstanceOf(InvalidRefreshTokenException.class);
        }
    }

    @Test
    void setPasswordThenOnlyTheNewPasswordAuthenticatesAndHerSessionsEnded() throws Exception {
        run("users", "import", usersFile().toString());
        Login alice = login("alice");
        System.setIn(new ByteArrayInputStream("looking-glass-Pw-9\n".getBytes(StandardCharsets.UTF_8)));

        Result r = run("users", "set-password", "alice", "--password-stdin");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).singleElement().asString().startsWith("Set the password of user alice; ")
                .contains("1 live access token revoked");
        assertThat(r.all()).doesNotContain("looking-glass-Pw-9");
        assertThat(authenticate("alice", "looking-glass-Pw-9").username()).isEqualTo("alice");
        assertThatThrownBy(() -> authenticate("alice", ALICE_PASSWORD)).isInstanceOf(InvalidCredentialsException.class);
        try (DataDir dir = DataDir.open(data, null)) {
            assertThatThrownBy(() -> rotate(dir, alice.refreshToken())).isInstanceOf(InvalidRefreshTokenException.class);
        }
    }

    @Test
    void setPasswordWhenShorterThanThePolicyThenExit2AndChangesNothing() throws Exception {
        run("users", "import", usersFile().toString());
        Login alice = login("alice");
        System.setIn(new ByteArrayInputStream("seven77\n".getBytes(StandardCharsets.UTF_8)));

        Result r = run("users", "set-password", "alice", "--password-stdin");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("the password must be at least 8 characters long");
        assertThat(r.all()).doesNotContain("seven77");
        assertThat(authenticate("alice", ALICE_PASSWORD).username()).isEqualTo("alice");
        try (DataDir dir = DataDir.open(data, null)) {
            assertThat(dir.revocations().isRevoked(alice.jti())).isFalse();
            rotate(dir, alice.refreshToken());
        }
    }

    @Test
    void setPasswordWhenPasswordGivenAsArgumentThenExit2WithoutEchoingIt() throws Exception {
        run("users", "import", usersFile().toString());

        Result r = run("users", "set-password", "alice", "--password", BOB_PASSWORD);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--password-stdin");
        assertNoPasswords(r);
    }

    @Test
    void lifecycleCommandsWhenUserUnknownThenExit1WithOneQuotedLine() throws Exception {
        run("users", "import", usersFile().toString());

        for (String command : new String[] {"disable", "enable", "remove", "set-password"}) {
            Result r = run("users", command, "carol\u0007x");

            assertThat(r.code()).as(command).isEqualTo(1);
            assertThat(r.errLines()).as(command).singleElement().asString()
                    .contains("no user").doesNotContain("\u0007");
        }
        Result r = run("users", "disable", "carol");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().contains("no user named 'carol'");
    }

    @Test
    void lifecycleCommandsWhenNoDataDirThenExit1AndCreateNone() {
        Result r = run("users", "disable", "alice");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().contains("no data directory");
        assertThat(data).doesNotExist();
    }

    @Test
    void lifecycleCommandsHaveHelp() {
        for (String command : new String[] {"set-password", "disable", "enable", "remove"}) {
            Result r = runRaw("users", command, "--help");

            assertThat(r.code()).as(command).isZero();
            assertThat(r.out()).as(command).contains("USERNAME", "--data").containsIgnoringCase("sessions");
        }
    }

    /** A refresh family started for the user, as a login through the server would. */
    record Login(String refreshToken, String jti) {
    }

    Login login(String username) {
        try (DataDir dir = DataDir.open(data, null)) {
            String userId = dir.users().findByUsername(username).orElseThrow().id();
            String jti = "jti-" + username;
            Instant now = Instant.now();
            String token = refresh(dir).startFamily("web-app", userId, Set.of("read"), now, jti,
                    now.plus(Duration.ofMinutes(15)), null);
            return new Login(token, jti);
        }
    }

    static RefreshTokens refresh(DataDir dir) {
        return RefreshTokens.builder().store(dir.refreshTokens()).revocations(dir.revocations()).build();
    }

    static void rotate(DataDir dir, String token) {
        refresh(dir).rotate(token, "web-app",
                f -> new RefreshTokens.Successor("jti-next", Instant.now().plusSeconds(60), ""));
    }

    User authenticate(String username, String password) {
        try (DataDir dir = DataDir.open(data, null)) {
            return UserAuthenticator.builder().users(dir.users()).hasher(PasswordHasher.defaults()).build()
                    .authenticate(username, password.toCharArray(), null);
        }
    }
}
