package dev.lanyard.auth.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code token mint|inspect}. */
class TokenCommandTest extends CliTestSupport {

    @Test
    void mintThenInspectSaysValid() {
        run("keys", "generate");

        Result minted = run("token", "mint", "--subject", "alice", "--client-id", "my-app", "--scope", "read",
                "--ttl", "600");
        String token = minted.out().strip();
        Result inspected = run("token", "inspect", token);

        assertThat(minted.code()).as(minted.err()).isZero();
        assertThat(minted.out().lines().toList()).hasSize(1);
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(inspected.code()).as(inspected.out() + inspected.err()).isZero();
        assertThat(inspected.out()).contains("\"alg\" : \"RS256\"", "\"typ\" : \"at+jwt\"", "\"sub\" : \"alice\"",
                "\"client_id\" : \"my-app\"", "\"iss\" : \"http://localhost:8080\"", "\"scope\" : \"read\"");
        assertThat(inspected.out().strip()).containsPattern("signature valid \\(key \\S+\\), expires in (9m 5\\ds|10m 00s)");
        assertThat(inspected.all()).doesNotContain(token);
    }

    @Test
    void inspectWhenTokenOnStdinThenReadsIt() {
        run("keys", "generate");
        String token = run("token", "mint", "--subject", "svc", "--client-id", "svc", "--issuer",
                "https://auth.example", "--audience", "https://api.example").out().strip();
        System.setIn(new ByteArrayInputStream((token + "\n").getBytes(StandardCharsets.UTF_8)));

        Result r = run("token", "inspect", "-");

        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("\"aud\" : \"https://api.example\"").contains("signature valid");
        assertThat(r.all()).doesNotContain(token);
    }

    @Test
    void inspectWhenTokenTamperedThenNotValidAndExit1() {
        run("keys", "generate");
        String token = run("token", "mint", "--subject", "alice", "--client-id", "my-app").out().strip();
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"alice\"", "\"admin\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        Result r = run("token", "inspect", tampered);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("\"sub\" : \"admin\"");
        assertThat(r.out().strip().lines().reduce((a, b) -> b).orElseThrow()).startsWith("NOT valid: ");
        assertThat(r.all()).doesNotContain(tampered).doesNotContain(token);
    }

    @Test
    void inspectWhenIssuerDiffersThenNotValid() {
        run("keys", "generate");
        String token = run("token", "mint", "--subject", "alice", "--client-id", "my-app").out().strip();

        Result r = run("token", "inspect", "--issuer", "https://other.example", token);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("NOT valid: ");
    }

    @Test
    void inspectWhenNotAJwtThenNotValid() {
        run("keys", "generate");

        Result r = run("token", "inspect", "not-a-token");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("(cannot be decoded)").contains("NOT valid: ");
        assertThat(r.all()).doesNotContain("not-a-token");
    }

    @Test
    void mintWhenTtlOverAnHourThenExit2() {
        run("keys", "generate");

        Result r = run("token", "mint", "--subject", "a", "--client-id", "c", "--ttl", "3601");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).singleElement().asString().contains("--ttl");
    }

    @Test
    void mintWhenNoKeyRingThenExit2AndCreatesNone() {
        Result r = run("token", "mint", "--subject", "a", "--client-id", "c");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("keys generate");
        assertThat(data.resolve(DataDir.KEY_FILE)).doesNotExist();
    }
}
