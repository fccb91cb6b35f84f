package dev.lanyard.auth.examples;

import dev.lanyard.auth.client.ClientCredential;
import dev.lanyard.auth.InvalidCredentialsException;
import dev.lanyard.auth.client.ClientAuthenticator;
import dev.lanyard.auth.refresh.InvalidRefreshTokenException;
import dev.lanyard.auth.refresh.RefreshTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code clients create|list|rotate-secret|revoke-secret|remove}. */
class ClientsCommandTest extends CliTestSupport {

    @Test
    void createListAndRotateSecretThenEverySecretAuthenticates() {
        Result created = run("clients", "create", "--id", "my-app", "--scope", "read", "--scope", "write",
                "--grant", "client_credentials", "--app-id", "shop");
        String first = lastLine(created.out());

        Result rotated = run("clients", "rotate-secret", "my-app");
        String second = secretLine(rotated.out());
        Result listed = run("clients", "list");

        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).startsWith("Created confidential client my-app").contains("shown this once");
        assertThat(rotated.code()).as(rotated.err()).isZero();
        assertThat(rotated.out()).contains("older secret(s) keep working");
        assertThat(first).hasSizeGreaterThan(30).isNotEqualTo(second);
        assertThat(listed.code()).isZero();
        assertThat(listed.out()).containsPattern("my-app\\s+client_credentials\\s+read,write\\s+confidential\\s+s-\\S+,s-\\S+")
                .doesNotContain(first).doesNotContain(second);
        try (DataDir dir = DataDir.open(data, null)) {
            ClientAuthenticator auth = ClientAuthenticator.builder().clients(dir.clients()).build();
            assertThat(auth.authenticate(ClientCredential.of("my-app", first), null).clientId()).isEqualTo("my-app");
            assertThat(auth.authenticate(ClientCredential.of("my-app", second), null).clientId()).isEqualTo("my-app");
            assertThatThrownBy(() -> auth.authenticate(ClientCredential.of("my-app", "wrong"), null))
                    .isInstanceOf(InvalidCredentialsException.class);
        }
    }

    @Test
    void createWhenPublicThenNoSecretIsPrinted() {
        Result r = run("clients", "create", "--id", "spa", "--public", "--redirect-uri", "http://localhost:9999/cb");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).singleElement().asString()
                .isEqualTo("Created public client spa (grants authorization_code, refresh_token)");
        assertThat(run("clients", "list").out()).containsPattern("spa\\s+\\S+\\s+public\\s*$");
    }

    @Test
    void revokeSecretEndsTheOldSecretAndTheLastOneCannotBeRevoked() {
        String first = lastLine(run("clients", "create", "--id", "my-app").out());
        Result rotated = run("clients", "rotate-secret", "my-app");
        String second = secretLine(rotated.out());
        String oldId = run("clients", "list").out().lines().filter(l -> l.startsWith("my-app")).findFirst().orElseThrow()
                .replaceAll(".*\\s(\\S+)$", "$1").split(",")[0];
        String newId = rotated.out().replaceAll("(?s).*New secret (\\S+) .*", "$1");
        String revokeId = oldId.equals(newId) ? run("clients", "list").out().lines().filter(l -> l.startsWith("my-app"))
                .findFirst().orElseThrow().replaceAll(".*\\s(\\S+)$", "$1").split(",")[1] : oldId;

        Result revoked = run("clients", "revoke-secret", "my-app", revokeId);
        Result last = run("clients", "revoke-secret", "my-app", newId);

        assertThat(revoked.code()).as(revoked.err()).isZero();
        assertThat(last.code()).isEqualTo(2);
        assertThat(last.errLines()).hasSize(1);
        try (DataDir dir = DataDir.open(data, null)) {
            ClientAuthenticator auth = ClientAuthenticator.builder().clients(dir.clients()).build();
            assertThatThrownBy(() -> auth.authenticate(ClientCredential.of("my-app", first), null)).isInstanceOf(InvalidCredentialsException.class);
            assertThat(auth.authenticate(ClientCredential.of("my-app", second), null).clientId()).isEqualTo("my-app");
        }
    }

    @Test
    void createWhenIdTakenThenExit1() {
        run("clients", "create", "--id", "my-app");

        Result r = run("clients", "create", "--id", "my-app");

        assertThat(r.code()).as("a conflict, not a usage error").isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void createWhenPublicWithClientCredentialsThenExit2() {
        Result r = run("clients", "create", "--id", "spa", "--public", "--grant", "client_credentials");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("cannot use client_credentials");
    }

    @Test
    void rotateSecretWhenClientUnknownThenExit1() {
        Result r = run("clients", "rotate-secret", "ghost");

        assertThat(r.code()).as("not found, not a usage error").isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().contains("no client with id 'ghost'");
    }

    @Test
    void createPrintsTheIdOfTheNewSecretAsListShowsIt() {
        Result created = run("clients", "create", "--id", "reports");

        java.util.regex.Matcher id = java.util.regex.Pattern.compile("Client secret (\\S+) \\(shown this once")
                .matcher(created.out());
        assertThat(id.find()).as(created.out()).isTrue();
        assertThat(run("clients", "list").out()).contains(id.group(1));
    }

    @Test
    void removeThenTheClientIsGoneAndItsRefreshTokensDie() {
        run("clients", "create", "--id", "my-app", "--grant", "client_credentials");
        run("clients", "create", "--id", "other-app", "--grant", "client_credentials");
        String mine;
        String others;
        try (DataDir dir = DataDir.open(data, null)) {
            mine = startFamily(dir, "my-app", "jti-mine");
            others = startFamily(dir, "other-app", "jti-other");
        }

        Result r = run("clients", "remove", "my-app");
        Result listed = run("clients", "list");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).singleElement().asString()
                .isEqualTo("Removed client my-app; its sessions ended (refresh tokens revoked, 1 live access token revoked).");
        assertThat(listed.out()).doesNotContain("my-app").contains("other-app");
        try (DataDir dir = DataDir.open(data, null)) {
            assertThat(dir.revocations().isRevoked("jti-mine")).isTrue();
            assertThat(dir.revocations().isRevoked("jti-other")).isFalse();
            RefreshTokens refresh = refresh(dir);
            assertThatThrownBy(() -> refresh.rotate(mine, "my-app", this::successor))
                    .isInstanceOf(InvalidRefreshTokenException.class);
            refresh.rotate(others, "other-app", this::successor);
        }
    }

    @Test
    void removeWhenClientUnknownThenExit1WithOneQuotedLine() {
        run("clients", "create", "--id", "my-app", "--grant", "client_credentials");

        Result r = run("clients", "remove", "no-such\u0007app");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().contains("no client").doesNotContain("\u0007");
        assertThat(run("clients", "remove", "nope").errLines()).singleElement().asString()
                .contains("no client with id 'nope'");
    }

    @Test
    void removeHasHelp() {
        Result r = runRaw("clients", "remove", "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("ID").contains("refresh tokens");
    }

    static RefreshTokens refresh(DataDir dir) {
        return RefreshTokens.builder().store(dir.refreshTokens()).revocations(dir.revocations()).build();
    }

    static String startFamily(DataDir dir, String clientId, String jti) {
        Instant now = Instant.now();
        return refresh(dir).startFamily(clientId, "u-1", Set.of(), now, jti, now.plus(Duration.ofMinutes(15)), null);
    }

    RefreshTokens.Successor successor(dev.lanyard.auth.refresh.RefreshFamily family) {
        return new RefreshTokens.Successor("jti-next", Instant.now().plusSeconds(60), "");
    }
}
