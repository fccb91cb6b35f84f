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
        assertThat(EventLog.printable("LoginFailed[principal=alice\n12:00 INFO forged]"))
                .isEqualTo("LoginFailed[principal=alice\\u000a12:00 INFO forged]");
        assertThat(EventLog.printable("x".repeat(5000))).hasSize(603).endsWith("...");
        assertThat(EventLog.printable("\u2028\u0085")).isEqualTo("\\u2028\\u0085");
    }

    @Test
    void logLinesOfCallerInputShowInvisibleAndReorderingCharactersEscaped() {
        assertThat(EventLog.printable("principal=root\u200b, admin\u202e")).isEqualTo("principal=root\\u200b, admin\\u202e");
    }

    @Test
    void commandsOnTheSqliteDirectoryOfARunningServerWorkButKeyChangesAreRefused() throws Exception {
        try (RunningDemo server = RunningDemo.start(data)) {
            assertThat(server.get("/oauth2/jwks").statusCode()).isEqualTo(200);
            Process p = MainProcess.of("users", "list", "--data", data.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("alice");

            String keysBefore = java.nio.file.Files.readString(data.resolve(DataDir.KEY_FILE));
            Process rotate = MainProcess.of("keys", "rotate", "--data", data.toString()).redirectErrorStream(true).start();
            String refused = new String(rotate.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(rotate.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(rotate.exitValue()).as(refused).isEqualTo(1);
            assertThat(refused).contains("in use by another process");
            assertThat(java.nio.file.Files.readString(data.resolve(DataDir.KEY_FILE)))
                    .as("the running server's key file is untouched").isEqualTo(keysBefore);
        }
        Process rotate = MainProcess.of("keys", "rotate", "--data", data.toString()).redirectErrorStream(true).start();
        String out = new String(rotate.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(rotate.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(rotate.exitValue()).as("once the server stopped: " + out).isZero();
    }

    @Test
    void commandsOnTheH2DirectoryOfARunningServerAreRefusedWithAMessage() throws Exception {
        LegacyH2.create(data, "old-user"); // a directory an earlier version left: H2 serves one process only
        try (RunningDemo server = RunningDemo.start(data)) {
            assertThat(server.get("/oauth2/jwks").statusCode()).isEqualTo(200);
            String keysBefore = java.nio.file.Files.readString(data.resolve(DataDir.KEY_FILE));
            // the same JVM shares H2's open database, so another process is what this needs
            for (String[] command : new String[][] {{"users", "list"}, {"keys", "rotate"}}) {
                Process p = MainProcess.of(command[0], command[1], "--data", data.toString()).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(out).isEqualTo(1);
                assertThat(out.strip().lines().filter(l -> l.startsWith(command[1] + ":")).toList())
                        .as(out).singleElement().asString().contains("in use by another process");
            }
            assertThat(java.nio.file.Files.readString(data.resolve(DataDir.KEY_FILE)))
                    .as("the running server's key file is untouched").isEqualTo(keysBefore);
        }
    }

    @Test
    void aDataDirectoryWithASemicolonIsRefused() {
        assertThatThrownBy(() -> DataDir.open(data.resolve("x;INIT=RUNSCRIPT FROM 'evil.sql'"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("';'");
    }

    /**
     * A token request whose body trickles in (the slow clients, one byte every 200 ms) is cut
     * off by Jetty's minimum data rate with a 408 and the connection closed, long before Jetty's default
     * idle timeout (30 s) would have freed it.
     */
    @Test
    void tokenRequestWhenBodyTricklesBelowTheMinimumRateThenIs408() throws Exception {
        try (RunningDemo server = RunningDemo.start(data);
             java.net.Socket socket = new java.net.Socket(server.uri("/").getHost(), server.uri("/").getPort())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            var in = socket.getInputStream();
            out.write(("POST /oauth2/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                    + "application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (int i = 0; i < 40 && in.available() == 0; i++) {
                out.write('g');
                out.flush();
                Thread.sleep(200);
            }
            String response = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 408").contains("\"error\":\"invalid_request\"")
                    .contains("arrived too slowly");
        }
    }

    /** Jetty's own answers (no endpoint, a method an endpoint lacks, headers too large) are JSON too. */
    @Test
    void containerErrorsAreJsonErrorBodies() {
        try (RunningDemo server = RunningDemo.start(data)) {
            assertJsonError(server.get("/no/such/endpoint"), 404);
            assertJsonError(server.send(java.net.http.HttpRequest.newBuilder(server.uri("/oauth2/jwks"))
                    .DELETE()), 405);
            assertJsonError(server.get("/oauth2/jwks", "X-Large", "x".repeat(20_000)), 431);
        }
    }

    private static void assertJsonError(java.net.http.HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        assertThat(RunningDemo.json(r).path("error").asText()).as(r.body()).isEqualTo("invalid_request");
        assertThat(RunningDemo.json(r).path("error_description").asText()).isNotEmpty();
    }
}
