package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.auth.key.KeyEncryptionKey;
import dev.lanyard.auth.testing.MutableClock;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo server started the way {@code java -jar lanyard-demo.jar serve ...} starts it (the same
 * command line parsed by the same picocli command), on a free port and a fake clock, with an HTTP client.
 */
final class RunningDemo implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The README's sample files (the tests run in the module directory). */
    static final Path CLIENTS = Path.of("demo/clients.yaml").toAbsolutePath();
    static final Path USERS = Path.of("demo/users.yaml").toAbsolutePath();

    /** The test JVM's key-encryption key file, made on first use. */
    private static Path kekFile;

    final MutableClock clock;
    final DemoServer server;
    final String output;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private RunningDemo(MutableClock clock, DemoServer server, String output) {
        this.clock = clock;
        this.server = server;
        this.output = output;
    }

    /** {@code serve --port 0 --data DIR --clients .. --users .. ARGS}. */
    static RunningDemo start(Path dataDir, MutableClock clock, String... args) {
        List<String> all = new ArrayList<>(List.of("--clients", CLIENTS.toString(), "--users", USERS.toString()));
        all.addAll(List.of(args));
        return startWithout(dataDir, clock, all.toArray(String[]::new));
    }

    /** {@code serve --port 0 --data DIR ARGS}, without the sample files. */
    static RunningDemo startWithout(Path dataDir, MutableClock clock, String... args) {
        List<String> all = new ArrayList<>(List.of("serve", "--port", "0", "--data", dataDir.toString()));
        all.addAll(List.of(args));
        CommandLine cli = LanyardCli.commandLine();
        CommandLine.ParseResult parsed = cli.parseArgs(all.toArray(String[]::new));
        ServeCommand serve = parsed.subcommand().commandSpec().commandLine().getCommand();
        StringWriter out = new StringWriter();
        DemoServer server = DemoServer.start(serve.settings(), new PrintWriter(out, true), clock);
        return new RunningDemo(clock, server, out.toString());
    }

    /**
     * A key-encryption key file for {@code --key-encryption-key-file}, one for the whole test JVM (every node
     * of a test shares it), outside every data directory.
     */
    static synchronized Path keyEncryptionKeyFile() {
        if (kekFile == null) {
            try {
                kekFile = Files.createTempFile("lanyard-test-kek", ".b64");
                kekFile.toFile().deleteOnExit();
                Files.writeString(kekFile, KeyEncryptionKey.generate().encoded());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return kekFile;
    }

    static RunningDemo start(Path dataDir, String... args) {
        return start(dataDir, MutableClock.at("2026-11-28T10:00:00Z"), args);
    }

    @Override
    public void close() {
        server.close();
    }

    URI uri(String path) {
        return server.uri().resolve(path);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(withHeaders(HttpRequest.newBuilder(uri(path)).GET(), headers));
    }

    HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        return send(withHeaders(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)), headers));
    }

    HttpResponse<String> postJson(String path, Object body, String... headers) {
        try {
            return post(path, "application/json", JSON.writeValueAsString(body), headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> postForm(String path, Map<String, String> form, String... headers) {
        return post(path, "application/x-www-form-urlencoded", encode(form), headers);
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder b, String... headers) {
        if (headers.length > 0) {
            b.headers(headers);
        }
        return b;
    }

    // ---- helpers for the assertions ----

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    /** Asserts the status and returns the JSON body. */
    static JsonNode ok(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return json(r);
    }

    /** Asserts an error: the status, a JSON body with this RFC error code, and no stack trace. */
    static JsonNode error(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = json(r);
        assertThat(body.path("error").asText()).as(r.body()).isEqualTo(code);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return body;
    }

    static void assertNoStore(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }

    /** The {@code kid} in a JWT's header. */
    static String kid(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))), StandardCharsets.UTF_8);
        try {
            return JSON.readTree(header).get("kid").asText();
        } catch (IOException e) {
            throw new AssertionError("the token's header is not JSON", e);
        }
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> params(String... nameValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            out.put(nameValues[i], nameValues[i + 1]);
        }
        return out;
    }

    static String encode(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }
}
