package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Assumptions;
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
import java.util.Optional;
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
 * <p>Needs Chromium or Chrome: found on the {@code PATH} or at the usual places. Where there is none
 * the test is skipped with a line saying how to install one, unless {@code LANYARD_REQUIRE_BROWSER=true}
 * (which {@code .ci/run} sets), where it fails; {@code LANYARD_SKIP_BROWSER_TESTS=true} skips it always.
 */
class SwaggerUiBrowserTest {

    private static final List<String> BROWSER_NAMES =
            List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome");
    private static final List<String> BROWSER_PLACES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/snap/bin/chromium", "/usr/bin/google-chrome", "/opt/google/chrome/chrome",
            "/Applications/Chromium.app/Contents/MacOS/Chromium",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");
    private static Path browser;
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
        Optional<Path> found = findBrowser();
        if (found.isEmpty()) {
            String line = "no Chromium or Chrome on the PATH or at the usual places: the Swagger UI browser test needs"
                    + " one (`apt-get install chromium`, `brew install --cask chromium`, or any Chrome)";
            if ("true".equalsIgnoreCase(System.getenv("LANYARD_REQUIRE_BROWSER"))) {
                fail(line + "; LANYARD_REQUIRE_BROWSER=true makes that a failure");
            }
            System.err.println("SwaggerUiBrowserTest skipped: " + line);
            Assumptions.abort(line);
        }
        browser = found.get();
    }

    /** The first of the usual browser names on the PATH, else the first of the usual places. */
    static Optional<Path> findBrowser() {
        String path = System.getenv("PATH");
        List<Path> candidates = new ArrayList<>();
        for (String dir : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                BROWSER_NAMES.forEach(name -> candidates.add(Path.of(dir, name)));
            }
        }
        BROWSER_PLACES.forEach(place -> candidates.add(Path.of(place)));
        return candidates.stream().filter(Files::isExecutable).filter(Files::isRegularFile).findFirst();
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
        try (RunningDemo demo = RunningDemo.start(tmp.resolve("data"), // the demo creates it, owner-only
                "--profile", profile)) {
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
            Process process = new ProcessBuilder(browser.toString(),
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
