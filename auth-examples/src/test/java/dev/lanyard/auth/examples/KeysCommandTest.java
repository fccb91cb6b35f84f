package dev.lanyard.auth.examples;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code keys generate|list|rotate}. */
class KeysCommandTest extends CliTestSupport {

    @Test
    void generateListAndRotateThenRolesMove() {
        Result generated = run("keys", "generate", "--algorithm", "ES256");
        Result listed = run("keys", "list");
        Result rotated = run("keys", "rotate");
        Result after = run("keys", "list");

        assertThat(generated.code()).as(generated.err()).isZero();
        assertThat(generated.out()).startsWith("Created a key ring at ").contains("ES256");
        assertThat(listed.out()).containsPattern("\\S+\\s+ES256\\s+next").containsPattern("\\S+\\s+ES256\\s+active")
                .doesNotContain("\"d\"");
        String nextKid = kidOf(listed.out(), "next");
        assertThat(rotated.code()).as(rotated.err()).isZero();
        assertThat(rotated.out()).contains(nextKid + " now signs").contains("restarts");
        assertThat(kidOf(after.out(), "active")).isEqualTo(nextKid);
        assertThat(after.out()).contains(kidOf(listed.out(), "active")).containsPattern("retiring until \\S+Z");
    }

    @Test
    void generateWhenRingExistsThenExit2UnlessForced() throws Exception {
        run("keys", "generate");
        String before = Files.readString(data.resolve(DataDir.KEY_FILE));

        Result refused = run("keys", "generate", "--algorithm", "EdDSA");
        Result forced = run("keys", "generate", "--algorithm", "EdDSA", "--force");

        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.errLines()).singleElement().asString().contains("already exists").contains("--force");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(forced.out()).startsWith("Replaced the key ring").contains("no longer verify");
        assertThat(Files.readString(data.resolve(DataDir.KEY_FILE))).isNotEqualTo(before);
        assertThat(run("keys", "list").out()).contains("EdDSA").doesNotContain("RS256");
    }

    @Test
    void generateWhenAlgorithmUnsupportedThenExit2() {
        Result r = run("keys", "generate", "--algorithm", "HS256");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("RS256, PS256, ES256 or EdDSA");
    }

    @Test
    void listWhenNoRingThenExit2() {
        Result r = run("keys", "list");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("keys generate");
    }
}
