package dev.lanyard.auth.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code main} in a process of its own, as {@code java -jar lanyard-demo.jar} runs it: it prints where
 * it listens, serves, and on SIGTERM (what Ctrl-C's SIGINT also triggers: the JVM's shutdown hooks)
 * stops cleanly, releasing the data directory for the next start.
 */
class MainProcessTest {

    static final Pattern LISTENING = Pattern.compile("Listening on (http://\\S+)");

    @TempDir
    Path data;

    @Test
    void mainServesUntilTerminatedThenReleasesTheDataDirectory() throws Exception {
        Process server = MainProcess.of("serve", "--port", "0", "--data", data.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            URI uri = awaitListening(server);
            HttpResponse<String> jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri.resolve("/oauth2/jwks"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(jwks.statusCode()).isEqualTo(200);

            server.destroy(); // SIGTERM
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
            assertThat(server.exitValue()).isIn(0, 143);
        } finally {
            server.destroyForcibly();
        }
        try (DataDir again = DataDir.open(data, null)) {
            assertThat(again.clients().findById("demo-client")).as("state survived").isPresent();
        }
    }

    @Test
    void aWrongArgumentExits2WithOneLine() throws Exception {
        Process p = MainProcess.of("serve", "--port", "seventy").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out.strip().lines().toList()).as(out).singleElement().asString().contains("--port");
    }

    private static URI awaitListening(Process server) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        StringBuilder seen = new StringBuilder();
        for (String line; System.nanoTime() < deadline && (line = lines.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> lines.lines().forEach(l -> { }), "drain");
                drain.setDaemon(true);
                drain.start();
                return URI.create(m.group(1));
            }
        }
        throw new AssertionError("the server never said where it listens:\n" + seen);
    }
}
