package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lanyard.auth.examples.profile.Profiles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each profile's OpenAPI document describes the server that profile really runs: every documented
 * operation is routed (no 404 or 405 without credentials), and the server answers its documented
 * operations, nothing is documented that the server lacks.
 */
class OpenApiMatchesServerTest {

    static List<String> profiles() {
        return Profiles.names();
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void everyDocumentedOperationIsServed(String profile, @TempDir Path data) throws Exception {
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(SwaggerUi.openApiDocument(profile));
        List<String> unrouted = new ArrayList<>();
        try (RunningDemo demo = RunningDemo.start(data, "--profile", profile)) {
            for (OpenApiOperation op : OpenApiOperation.all(document)) {
                String concrete = op.path().replaceAll("\\{[^}]+}", "x");
                int status = demo.send(HttpRequest.newBuilder(demo.uri(concrete))
                        .method(op.method().toUpperCase(java.util.Locale.ROOT), HttpRequest.BodyPublishers.noBody())).statusCode();
                if (status == 404 || status == 405) {
                    unrouted.add(op.method() + " " + op.path() + " -> " + status);
                }
            }
        }
        assertThat(document.path("paths").size()).isPositive();
        assertThat(unrouted).as("documented in %s.yaml but not served", profile).isEmpty();
    }
}
