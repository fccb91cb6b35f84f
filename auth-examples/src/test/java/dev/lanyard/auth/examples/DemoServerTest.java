package dev.lanyard.auth.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.lanyard.auth.examples.RunningDemo.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo server's refusals and safeguards. */
class DemoServerTest {

    @TempDir
    Path data;

    @Test
    void aServerClientRegisteredBySomeoneElseStopsTheStartWithAMessage() {
        try (RunningDemo flask = RunningDemo.start(data, "--profile", "flask")) {
            assertThat(flask.postForm("/client/create", params("client_user", "sermas-login",
                    "client_password", "stranger-password")).statusCode()).isEqualTo(201);
        }
        assertThatThrownBy(() -> RunningDemo.start(data, "--profile", "sermas"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sermas-login").hasMessageContaining("not the sermas profile's own");
    }

    @Test
    void logLinesOfCallerInputCannotForgeLinesAndAreCapped() {
        assertThat(DemoServer.printable("LoginFailed[principal=alice\n12:00 INFO forged]"))
                .isEqualTo("LoginFailed[principal=alice\\u000a12:00 INFO forged]");
        assertThat(DemoServer.printable("x".repeat(5000))).hasSize(603).endsWith("...");
        assertThat(DemoServer.printable("\u2028\u0085")).isEqualTo("\\u2028\\u0085");
    }

    @Test
    void aSecondServerOnTheSameH2DirectoryIsRefusedWithAMessage() {
        try (RunningDemo first = RunningDemo.start(data)) {
            assertThat(first.get("/oauth2/jwks").statusCode()).isEqualTo(200);
            // the same JVM shares H2's open database, so a second process is what this needs
            ProcessBuilder pb = MainProcess.of("users", "list", "--data", data.toString());
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isEqualTo(1);
            assertThat(out.strip().lines().filter(l -> l.startsWith("users:") || l.startsWith("list:")).toList())
                    .as(out).singleElement().asString().contains("in use by another process");
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDataDirectoryWithASemicolonIsRefused() {
        assertThatThrownBy(() -> DataDir.open(data.resolve("x;INIT=RUNSCRIPT FROM 'evil.sql'"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("';'");
    }
}
