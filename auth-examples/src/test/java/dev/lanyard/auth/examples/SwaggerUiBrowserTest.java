package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Swagger UI really renders each profile's document: Debian's headless Chromium loads the page from
 * the demo server of that profile and dumps the DOM, which must hold one {@code .opblock} per operation of the
 * document, with its method, path and summary, and no Content-Security-Policy violation may be logged.
 *
 * <p>Needs {@code /usr/bin/chromium} ({@code apt-get install -y chromium}); the test fails without it
 * unless {@code LANYARD_SKIP_BROWSER_TESTS=true}, which skips it.
 */
class SwaggerUiBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 60;

    /** One rendered operation: method class, then data-path, then the summary, inside one opblock. */
    private static final Pattern OPBLOCK = Pattern.compile(
            "<div class=\"opblock opblock-([a-z]+)[^\"]*\" id=\"operations-[^\"]*\">.*?"
                    + "class=\"opblock-summary-path\" data-path=\"([^\"]*)\".*?"
                    + "class=\"opblock-summary-description\">([^<]*)</div>",
            Pattern.DOTALL);

    @BeforeAll
    static void requireChromium() {
        assumeFalse("true".equalsIgnoreCase(System.getenv("LANYARD_SKIP_BROWSER_TESTS")),
                "LANYARD_SKIP_BROWSER_TESTS=true: browser tests skipped");
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " not found: the browser tests need Debian's Chromium. Install it with "
                    + "`apt-get install -y chromium`, or set LANYARD_SKIP_BROWSER_TESTS=true to skip them.");
        }
    }

    static List<String> profiles() {
        return SwaggerUi.profiles();
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void swaggerUiRendersEveryOperationOfTheDocument(String profile, @TempDir Path tmp) throws Exception {
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(SwaggerUi.openApiDocument(profile));
        List<String> expected = OpenApiOperation.all(document).stream()
                .map(op -> op.method() + " " + op.path() + " " + op.summary()).toList();

        Chromium run;
        try (RunningDemo demo = RunningDemo.start(Files.createDirectory(tmp.resolve("data")), "--profile", profile)) {
            run = Chromium.dumpDom(demo.uri("/api/swagger").toString(), tmp);
        }

        List<String> rendered = new ArrayList<>();
        Matcher m = OPBLOCK.matcher(run.dom());
        while (m.find()) {
            rendered.add(m.group(1) + " " + unescape(m.group(2)) + " " + unescape(m.group(3)));
        }
        assertThat(rendered).as("operations Swagger UI rendered for " + profile)
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(run.dom()).contains(escape(document.path("info").path("title").asText()))
                .doesNotContain("errors-wrapper").doesNotContain("Failed to load API definition");
        assertThat(run.consoleMessages()).as("browser console").noneMatch(line ->
                line.contains("Content Security Policy") || line.contains("Refused to"));
    }

    /** The DOM and the console lines of one headless Chromium run. */
    private record Chromium(String dom, List<String> consoleMessages) {

        static Chromium dumpDom(String url, Path tmp) throws IOException, InterruptedException {
            Path userData = Files.createDirectory(tmp.resolve("user-data"));
            Path out = tmp.resolve("dom.html");
            Path err = tmp.resolve("chromium.log");
            Process process = new ProcessBuilder(CHROMIUM.toString(),
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + userData,
                    "--enable-logging=stderr", "--v=0",   // console messages, CSP violations among them
                    "--dump-dom", "--virtual-time-budget=10000", url)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    fail("chromium did not finish within " + TIMEOUT_SECONDS + " s; its log:\n" + read(err));
                }
                assertThat(process.exitValue()).as("chromium exit status; its log:\n" + read(err)).isZero();
            } finally {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            List<String> console = read(err).lines().filter(line -> line.contains(":CONSOLE")).toList();
            return new Chromium(read(out), console);
        }

        private static String read(Path file) throws IOException {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        }
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
