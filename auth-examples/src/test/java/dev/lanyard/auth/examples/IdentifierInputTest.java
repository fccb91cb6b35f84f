package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.auth.testing.LocalServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.lanyard.auth.examples.RunningDemo.basic;
import static dev.lanyard.auth.examples.RunningDemo.bearer;
import static dev.lanyard.auth.examples.RunningDemo.error;
import static dev.lanyard.auth.examples.RunningDemo.ok;
import static dev.lanyard.auth.examples.RunningDemo.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Usernames and client ids with NUL, CR/LF or invisible characters, over HTTP on the demo's H2 data
 * directory and on PostgreSQL (which refuses a NUL in text with an error): each gets its RFC error
 * (invalid_client, invalid_grant, invalid_request), never a 500 with a correlation id, whose cause
 * the server logs with its stack trace. PostgreSQL as in {@link PostgresServeTest}.
 */
class IdentifierInputTest {

    static final String FORGED = "x\u0000\n2026-11-28 10:00:00 INFO admin logged in";

    @TempDir
    Path data;
    String schema;
    RunningDemo demo;

    @AfterEach
    void stop() throws SQLException {
        if (demo != null) {
            demo.close();
        }
        if (schema != null) {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void tokenEndpointWhenClientIdOrUsernameHoldsNulThenRfcErrorNotServerError(String database) throws SQLException {
        demo = start(database, "--profile", "standard");

        for (String id : List.of("my-app-client\u0000", FORGED, "my-app-client\u200b")) {
            rfcError(demo.postForm("/oauth2/token", params("grant_type", "client_credentials"),
                    "Authorization", basic(id, "secret-password")), 401, "invalid_client");
            rfcError(demo.postForm("/oauth2/token", params("grant_type", "client_credentials", "client_id", id,
                    "client_secret", "secret-password")), 401, "invalid_client");
        }
        for (String username : List.of("ali\u0000ce", FORGED, "alice\u200b", "root\u200b\u200b")) {
            rfcError(demo.postForm("/oauth2/token", params("grant_type", "password", "username", username,
                    "password", "wonderland"), "Authorization", basic("web", "web-secret-123")), 400, "invalid_grant");
        }
        HttpResponse<String> authorize = demo.get("/oauth2/authorize?response_type=code&client_id=spa%00"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A9999%2Fcallback&code_challenge_method=S256"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(authorize.statusCode()).as(authorize.body()).isEqualTo(400);
        assertThat(authorize.body()).doesNotContain("correlation id");
        ok(demo.postForm("/oauth2/token", params("grant_type", "password", "username", "alice",
                "password", "wonderland"), "Authorization", basic("web", "web-secret-123")), 200);
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void loginAndAdminEndpointsWhenUsernameOrClientIdHoldsNulThenRfcErrorNotServerError(String database)
            throws SQLException {
        demo = start(database, "--profile", "sermas");

        rfcError(demo.postJson("/api/auth/login", Map.of("appId", "my_app", "ts", "x", "username", "ali\u0000ce",
                "password", "wonderland")), 401, "invalid_grant");
        rfcError(demo.postJson("/api/platform/token/access_token", Map.of("appId", "my_app", "clientId", FORGED,
                "clientSecret", "secret-password")), 401, "invalid_client");
        String admin = ok(demo.postJson("/api/auth/login", Map.of("appId", "my_app", "ts", "x", "username", "root",
                "password", "root-password")), 200).get("access_token").asText();
        JsonNode created = rfcError(demo.postJson("/api/auth/admin/user", Map.of("username", "bob\u0000",
                "password", "builder-pw-123"), "Authorization", bearer(admin)), 400, "invalid_request");
        assertThat(created.path("error_description").asText()).contains("username").doesNotContain("bob");
        rfcError(demo.postJson("/api/auth/admin/import", List.of(Map.of("username", "root\u200b",
                "password", "x-password-1")), "Authorization", bearer(admin)), 400, "invalid_request");
        assertThat(demo.postJson("/api/platform/app/my_app/client", Map.of("clientId", FORGED, "secret", "s-123456789"),
                "Authorization", bearer(admin)).statusCode()).isEqualTo(400);
    }

    /** The RFC error, and no sign of the server-error path (which logs a stack trace). */
    private static JsonNode rfcError(HttpResponse<String> r, int status, String code) {
        JsonNode body = error(r, status, code);
        assertThat(r.body()).doesNotContain("correlation id").doesNotContain("\\u0000").doesNotContain("admin logged in");
        return body;
    }

    private RunningDemo start(String database, String... args) throws SQLException {
        if (database.equals("H2")) {
            return RunningDemo.start(data, args);
        }
        assumeFalse("true".equalsIgnoreCase(System.getenv("LANYARD_SKIP_DB_TESTS")), "LANYARD_SKIP_DB_TESTS=true");
        schema = "lanyard_ids_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        LocalServers.Address server = LocalServers.postgres();
        String url = server.url() + "?user=" + server.user() + "&currentSchema=" + schema;
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--jdbc-url";
        all[args.length + 1] = url;
        all[args.length + 2] = "--key-encryption-key-file";
        all[args.length + 3] = RunningDemo.keyEncryptionKeyFile().toString();
        return RunningDemo.start(data, all);
    }

    private static void execute(String sql) throws SQLException {
        LocalServers.Address server = LocalServers.postgres();
        try (Connection c = DriverManager.getConnection(server.url() + "?user=" + server.user()
                + "&connectTimeout=5"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
