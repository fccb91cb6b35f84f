package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.servlet.ServletContext;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SwaggerUiTest {

    /** Each profile's operations, as seeds/NOTES.md lists them, plus whoami. */
    static final Map<String, List<String>> OPERATIONS = Map.of(
            "standard", List.of("POST /oauth2/token", "GET /oauth2/authorize", "POST /oauth2/revoke",
                    "POST /oauth2/introspect", "GET /oauth2/jwks", "GET /.well-known/oauth-authorization-server",
                    "GET /api/whoami"),
            "sermas", List.of("POST /api/platform/token/access_token", "POST /api/platform/token/refresh_token",
                    "POST /api/auth/login", "POST /api/auth/refresh", "GET /api/auth/whoami",
                    "POST /api/platform/app/{appId}/client", "POST /api/auth/admin/user",
                    "POST /api/auth/admin/import",
                    "POST /api/auth/admin/user/{userId}/password", "POST /api/auth/admin/user/{userId}/disable",
                    "POST /api/auth/admin/user/{userId}/enable", "DELETE /api/auth/admin/user/{userId}",
                    "DELETE /api/platform/client/{clientId}"),
            "nextome", List.of("POST /apps/auth", "GET /apps/whoami"),
            "simacan", List.of("POST /api/v1/auth/password", "POST /api/v1/auth/refresh", "GET /api/v1/whoami"),
            "simplicite", List.of("GET /api/login", "POST /api/login", "GET /api/logout", "POST /api/logout",
                    "GET /api/whoami"),
            "flask", List.of("POST /client/create", "POST /authorization/connect", "GET /authorization/token",
                    "POST /authorization/token", "POST /token/refresh", "GET /api/users", "GET /api/whoami"));

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static SwaggerUiServer server;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        server = new SwaggerUiServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> profiles() {
        return SwaggerUi.profiles();
    }

    @Test
    void profilesAreTheSixOfNotes() {
        assertThat(SwaggerUi.profiles()).containsExactlyInAnyOrderElementsOf(OPERATIONS.keySet());
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void pageIsServedWithAndWithoutTrailingSlashAndLoadsOnlyLocalScripts(String profile) throws Exception {
        for (URI uri : List.of(server.uri(profile, ""), server.uri(profile, "/"), server.uri(profile, "/index.html"))) {
            HttpResponse<String> page = get(uri);

            assertThat(page.statusCode()).as(uri.toString()).isEqualTo(200);
            assertThat(contentType(page)).isEqualTo("text/html;charset=utf-8");
            assertSecurityHeaders(page);
            String base = "/" + profile + SwaggerUiServer.PATH;
            assertThat(page.body())
                    .contains("<script src=\"" + base + "/swagger-ui-bundle.js\"></script>")
                    .contains("<script src=\"" + base + "/swagger-initializer.js\"></script>")
                    .contains("href=\"" + base + "/swagger-ui.css\"")
                    .contains("data-spec-url=\"" + base + "/openapi.yaml\"")
                    .contains("(" + profile + ")")
                    .doesNotContain("http:").doesNotContain("https:").doesNotContain("//cdn");
            // No inline script: every script element has a src and nothing between its tags.
            assertThat(page.body().split("<script", -1)).hasSize(3);
            assertThat(page.body()).doesNotContainPattern("<script(?![^>]*src=)[^>]*>")
                    .doesNotContainPattern("<script[^>]*>[^<]+</script>").doesNotContainPattern("\\son[a-z]+\\s*=");
        }
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void documentIsOpenApi31WithExactlyTheProfilesOperations(String profile) throws Exception {
        HttpResponse<String> response = get(server.uri(profile, "/openapi.yaml"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).isEqualTo("application/yaml;charset=utf-8");
        assertSecurityHeaders(response);
        assertThat(response.body()).isEqualTo(SwaggerUi.openApiDocument(profile));

        JsonNode doc = YAML.readTree(response.body());
        assertThat(doc.path("openapi").asText()).matches("3\\.1\\.\\d+");
        assertThat(doc.path("servers").size()).isEqualTo(1);
        assertThat(doc.path("servers").path(0).path("url").asText()).isEqualTo("/");
        assertThat(doc.path("info").path("title").asText()).isNotBlank();
        List<String> operations = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        for (OpenApiOperation op : OpenApiOperation.all(doc)) {
            String name = op.method().toUpperCase(Locale.ROOT) + " " + op.path();
            operations.add(name);
            assertThat(op.summary()).as(name + " summary").isNotBlank();
            assertThat(operationIds.add(op.operation().path("operationId").asText())).as(name + " operationId unique")
                    .isTrue();
            assertThat(op.operation().path("operationId").asText()).as(name + " operationId").matches("[a-zA-Z]+");
            assertThat(op.operation().path("responses").size()).as(name + " responses").isPositive();
        }
        assertThat(operations).containsExactlyInAnyOrderElementsOf(OPERATIONS.get(profile));

        JsonNode error = doc.path("components").path("schemas").path("Error");
        assertThat(error.path("properties").has("error")).isTrue();
        assertThat(error.path("properties").has("error_description")).isTrue();
        assertThat(response.body()).contains("'401':");
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void everyReferenceInTheDocumentResolves(String profile) throws Exception {
        JsonNode doc = YAML.readTree(SwaggerUi.openApiDocument(profile));
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);

        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(profile + " " + ref).isFalse();
        }
    }

    @Test
    void protectedOperationsUseTheProfilesCredentialHeader() throws Exception {
        JsonNode simplicite = YAML.readTree(SwaggerUi.openApiDocument("simplicite"));
        JsonNode token = simplicite.at("/components/securitySchemes/simpliciteToken");
        assertThat(token.path("type").asText()).isEqualTo("apiKey");
        assertThat(token.path("in").asText()).isEqualTo("header");
        assertThat(token.path("name").asText()).isEqualTo("X-Simplicite-Authorization");
        assertThat(simplicite.at("/paths/~1api~1whoami/get/security/0").has("simpliciteToken")).isTrue();
        assertThat(simplicite.at("/paths/~1api~1login/get/security/0").has("basicAuth")).isTrue();

        for (String profile : List.of("standard", "sermas", "nextome", "simacan", "flask")) {
            JsonNode doc = YAML.readTree(SwaggerUi.openApiDocument(profile));
            JsonNode bearer = doc.at("/components/securitySchemes/bearerAuth");
            assertThat(bearer.path("type").asText()).as(profile).isEqualTo("http");
            assertThat(bearer.path("scheme").asText()).as(profile).isEqualTo("bearer");
        }
        JsonNode flask = YAML.readTree(SwaggerUi.openApiDocument("flask"));
        assertThat(flask.at("/components/securitySchemes/basicAuth/scheme").asText()).isEqualTo("basic");
        assertThat(flask.at("/paths/~1token~1refresh/post/security/0").has("basicAuth")).isTrue();
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void assetsComeFromTheWebjar(String profile) throws Exception {
        String root = "META-INF/resources/webjars/swagger-ui/" + SwaggerUi.webjarVersion() + "/";
        for (String[] asset : new String[][] {
                {"swagger-ui-bundle.js", "text/javascript;charset=utf-8"},
                {"swagger-ui.css", "text/css;charset=utf-8"},
                {"favicon-32x32.png", "image/png"}}) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(server.uri(profile, "/" + asset[0])).build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).as(asset[0]).isEqualTo(200);
            assertThat(contentType(response)).as(asset[0]).isEqualTo(asset[1]);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.body()).as(asset[0]).isEqualTo(classpath(root + asset[0]));
        }
        HttpResponse<String> initializer = get(server.uri(profile, "/swagger-initializer.js"));
        assertThat(initializer.statusCode()).isEqualTo(200);
        assertThat(contentType(initializer)).isEqualTo("text/javascript;charset=utf-8");
        assertThat(initializer.body()).contains("SwaggerUIBundle(").contains("data-spec-url");
    }

    @Test
    void webjarVersionComesFromItsPomProperties() {
        assertThat(SwaggerUi.webjarVersion()).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void conditionalGetOfAnUnchangedAssetIsNotModified() throws Exception {
        HttpResponse<String> first = get(server.uri("sermas", "/swagger-ui.css"));
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

        HttpResponse<String> second = http.send(HttpRequest.newBuilder(server.uri("sermas", "/swagger-ui.css"))
                .header("If-Modified-Since", lastModified).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(second.statusCode()).isEqualTo(304);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/swagger-initializer.js/x", "/nope.js", "/swagger-ui.js", "/index-html",
            "/swagger-ui-es-bundle.js", "/swagger-initializer.js%00", "/..%252f..%252fpom.properties",
            "/%252e%252e/openapi.yaml", "/.hidden", "/openapi.yaml%20", "/a%5c..%5copenapi.yaml",
            "/..%5c..%5cMETA-INF/maven/org.webjars/swagger-ui/pom.properties",
            "/META-INF/maven/org.webjars/swagger-ui/pom.properties", "/webjars/swagger-ui/pom.properties",
            "/..;/openapi.yaml", "/%2e%2e/%2e%2e/sermas/api/swagger/openapi.yaml", "/..%2f..%2fpom.properties",
            "/%2e%2e%2fopenapi.yaml", "/.%2e/x"})
    void anythingButTheKnownNamesIsNotFound(String rest) throws Exception {
        HttpResponse<String> response = get(server.uri("sermas", rest));

        // Jetty itself answers 400 to URIs with ambiguous encoded segments before they reach the
        // servlet; everything that does reach it must be a 404.
        if (response.statusCode() != 400) {
            assertThat(response.statusCode()).as(rest).isEqualTo(404);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(response.body()).doesNotContain("openapi:").doesNotContain("version=");
    }

    @Test
    void traversalThatReachesTheServletIsA404() throws Exception {
        for (String rest : List.of("/nope.js", "/swagger-ui.js", "/.hidden", "/openapi.yaml%20", "/swagger-initializer.js/x",
                "/META-INF/maven/org.webjars/swagger-ui/pom.properties", "/index.html/..%20")) {
            assertThat(get(server.uri("sermas", rest)).statusCode()).as(rest).isEqualTo(404);
        }
    }

    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(server.page("sermas"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(server.uri("sermas", "/openapi.yaml"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void unknownProfileIsRefusedNamingTheKnownOnes() {
        ServletContext context = new ServletContextHandler().getServletContext();

        assertThatThrownBy(() -> SwaggerUi.register(context, "keycloak", "/api/swagger"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keycloak")
                .hasMessageContaining("standard, sermas, nextome, simacan, simplicite, flask");
        assertThatThrownBy(() -> SwaggerUi.openApiDocument("Sermas")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "api/swagger", "/api/swagger/", "/api/*", "/api/../swagger", "/api/./swagger",
            "/api//swagger", "/api/sw agger", "/api/%2e%2e", "/api/\"x", "/api/<x>"})
    void unusablePathIsRefused(String path) {
        ServletContext context = new ServletContextHandler().getServletContext();

        assertThatThrownBy(() -> SwaggerUi.register(context, "sermas", path))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("path");
    }

    @Test
    void secondRegistrationAtTheSamePathIsRefused() {
        ServletContext context = new ServletContextHandler().getServletContext();
        SwaggerUi.register(context, "sermas", "/api/swagger");

        assertThatThrownBy(() -> SwaggerUi.register(context, "nextome", "/api/swagger"))
                .isInstanceOf(IllegalStateException.class);
    }

    private static void assertSecurityHeaders(HttpResponse<?> response) {
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'none'").contains("script-src 'self';").contains("style-src 'self';")
                .contains("connect-src 'self'").doesNotContain("unsafe").doesNotContain("*").doesNotContain("http");
    }

    /** Jetty writes the charset of some types in lower case; the case of a charset name does not matter. */
    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static byte[] classpath(String name) throws IOException {
        try (InputStream in = SwaggerUiTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
