package dev.lanyard.auth.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.admin.ClientAdmin;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.admin.UserAdmin;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.reference.InMemoryReferenceTokenStore;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.user.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static dev.lanyard.auth.servlet.EndpointsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admin endpoint over real HTTP: who may call it, and that what it creates works at once. */
class AdminEndpointTest {

    static final String USER = "/api/auth/admin/user";
    static final String IMPORT = "/api/auth/admin/import";

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final Fixture fixture = new Fixture();
    final TokenService tokens;
    final UserAdmin userAdmin = new UserAdmin(fixture.users, Fixture.HASHER, AuthEvents.none(), clock);
    final ClientAdmin clientAdmin = new ClientAdmin(fixture.clients, Fixture.HASHER, AuthEvents.none(), clock);
    final AdminEndpointConfig config = AdminEndpointConfig.builder()
            .createUser(USER)
            .importUsers(IMPORT)
            .createClient("/api/platform/app/{appId}/client")
            .rotateSecret("/api/platform/client/{clientId}/secret")
            .revokeSecret("/api/platform/client/{clientId}/secret/{secretId}")
            .globalAdminRole("global-admin")
            .build();
    final TestServer server;

    AdminEndpointTest() {
        fixture.users.create(User.builder("bob").passwordHash(Fixture.HASHER.hash("builder".toCharArray()))
                .roles(Set.of("user")).build());
        fixture.users.create(User.builder("carl").passwordHash(Fixture.HASHER.hash("my-app-admin".toCharArray()))
                .roles(Set.of("admin")).appId("my_app").build());
        fixture.users.create(User.builder("gina").passwordHash(Fixture.HASHER.hash("global-admin".toCharArray()))
                .roles(Set.of("admin", "global-admin")).appId("my_app").build());
        tokens = fixture.service(clock).build();
        server = TestServer.start(ctx -> {
            ctx.addServlet("admin", new AdminEndpoint(tokens, userAdmin, clientAdmin, config))
                    .addMapping(config.urlPatterns());
            ctx.addServlet("token", new TokenEndpoint(tokens, TokenEndpointConfig.standard())).addMapping("/oauth2/token");
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    String tokenOf(String username, String password) {
        return tokens.grant(TokenRequest.password("web", Fixture.SECRET, username, password.toCharArray()).build())
                .accessToken();
    }

    String admin() {
        return "Bearer " + tokenOf("alice", "wonderland");
    }

    HttpResponse<String> post(String path, String body, String bearer) {
        return server.post(path, "application/json", body, "Authorization", bearer);
    }

    /** A password login at the real token endpoint, as any client of the server would do it. */
    int passwordLogin(String username, String password) {
        return server.postForm("/oauth2/token", "grant_type=password&username=" + enc(username) + "&password="
                + enc(password), "Authorization", TestServer.basic("web", Fixture.SECRET)).statusCode();
    }

    int clientCredentials(String clientId, String secret) {
        return server.postForm("/oauth2/token", "grant_type=client_credentials",
                "Authorization", TestServer.basic(clientId, secret)).statusCode();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void assertError(HttpResponse<String> r, int status, String error) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(json(r).path("error").asText()).isEqualTo(error);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.body()).doesNotContain("Exception");
    }

    @Test
    void withoutATokenIs401() {
        HttpResponse<String> r = server.post(USER, "application/json", "{}");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"lanyard\"");
    }

    @Test
    void anInvalidTokenIs401InvalidToken() {
        HttpResponse<String> r = post(USER, "{}", "Bearer not.a.token");

        assertError(r, 401, "invalid_token");
        assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).contains("error=\"invalid_token\"");
    }

    @Test
    void aNonAdminTokenIs403InsufficientScope() {
        String bob = "Bearer " + tokenOf("bob", "builder");
        String machine = "Bearer " + tokens.grant(TokenRequest.clientCredentials("machine", Fixture.SECRET).build())
                .accessToken();

        for (String bearer : new String[] {bob, machine}) {
            HttpResponse<String> r = post(USER, "{\"username\":\"eve\",\"password\":\"x\"}", bearer);
            assertError(r, 403, "insufficient_scope");
            assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).contains("error=\"insufficient_scope\"");
        }
        assertThat(fixture.users.findByUsername("eve")).isEmpty();
    }

    @Test
    void createUserAnswers201WithoutTheHashAndTheUserCanLogInAtOnce() {
        HttpResponse<String> r = post(USER, """
                {"username": "carol", "password": "c4rol-pw", "email": "carol@example.com",
                 "firstName": "Carol", "lastName": "Danvers", "lang": "FRA", "roles": ["user"], "appId": "my_app"}
                """, admin());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = json(r);
        assertThat(body.path("username").asText()).isEqualTo("carol");
        assertThat(body.path("id").asText()).isEqualTo(fixture.users.findByUsername("carol").orElseThrow().id());
        assertThat(body.path("appId").asText()).isEqualTo("my_app");
        assertThat(r.body()).doesNotContain("c4rol-pw").doesNotContain("$argon2id$").doesNotContain("password");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(passwordLogin("carol", "c4rol-pw")).isEqualTo(200);
    }

    @Test
    void aTakenUsernameIs409() {
        assertError(post(USER, "{\"username\":\"ALICE\",\"password\":\"x-password\"}", admin()), 409, "invalid_request");
    }

    @Test
    void aUsernameRfc8265DisallowsIs400NamingTheRuleButNotTheName() {
        for (String username : List.of("root\u200b", "henry\u2163", "foo bar", "\u265a")) {
            HttpResponse<String> r = post(USER, "{\"username\":" + jsonString(username) + ",\"password\":\"d4ve-secret\"}",
                    admin());
            assertError(r, 400, "invalid_request");
            assertThat(json(r).path("error_description").asText()).contains("username").doesNotContain(username);
        }
        HttpResponse<String> dotless = post(USER, "{\"username\":\"al\u0131ce\",\"password\":\"d4ve-secret\"}", admin());
        assertThat(dotless.statusCode()).as("dotless i is a letter, and alıce is not alice").isEqualTo(201);
    }

    @Test
    void anInvalidUserIs400NamingTheFieldAndNeverThePassword() {
        HttpResponse<String> longEmail = post(USER, "{\"username\":\"dave\",\"password\":\"d4ve-secret\",\"email\":\""
                + "x".repeat(300) + "\"}", admin());
        assertError(longEmail, 400, "invalid_request");
        assertThat(json(longEmail).path("error_description").asText()).contains("email");
        assertThat(longEmail.body()).doesNotContain("d4ve-secret");

        HttpResponse<String> typo = post(USER, "{\"username\":\"dave\",\"pasword\":\"d4ve-secret\"}", admin());
        assertError(typo, 400, "invalid_request");
        assertThat(json(typo).path("error_description").asText()).contains("pasword");
        assertThat(typo.body()).doesNotContain("d4ve-secret");

        assertError(post(USER, "{\"username\":\"dave\"}", admin()), 400, "invalid_request");
        assertError(post(USER, "{\"username\":\"dave\",\"password\":\"x\",\"roles\":\"admin\"}", admin()), 400,
                "invalid_request");
        assertThat(fixture.users.findByUsername("dave")).isEmpty();
    }

    @Test
    void aPasswordOrSecretOutsideThePolicyIs400LikeAtRegistration() {
        HttpResponse<String> user = post(USER, "{\"username\":\"dora\",\"password\":\"x\"}", admin());
        assertError(user, 400, "invalid_request");
        assertThat(json(user).path("error_description").asText()).isEqualTo("the password must be at least 8 characters long");
        assertThat(fixture.users.findByUsername("dora")).isEmpty();

        HttpResponse<String> imported = post(IMPORT, "[{\"username\": \"m1\", \"password\": \"1234567\"}]", admin());
        assertError(imported, 400, "invalid_request");
        assertThat(json(imported).path("error_description").asText())
                .isEqualTo("import: entry 1 (line 1): 'password' must be at least 8 characters long");

        HttpResponse<String> client = post("/api/platform/app/my_app/client", "{\"clientId\":\"tiny\",\"secret\":\"s\"}", admin());
        assertError(client, 400, "invalid_request");
        assertThat(json(client).path("error_description").asText()).contains("must be at least 8 characters long");
        assertThat(client.body()).doesNotContain("\"s\"");
        assertThat(fixture.clients.findById("tiny")).isEmpty();
    }

    @Test
    void requestsAreCheckedForTypeSizeAndSyntax() {
        assertError(server.post(USER, "text/plain", "{}", "Authorization", admin()), 415, "invalid_request");
        assertError(post(USER, "{\"username\":\"" + "x".repeat(70_000) + "\"}", admin()), 413, "invalid_request");
        assertError(post(USER, "{not json", admin()), 400, "invalid_request");
        assertError(post(USER, "[1]", admin()), 400, "invalid_request");
        assertError(post("/api/platform/app/x/other", "{}", admin()), 404, "invalid_request");
        HttpResponse<String> get = server.get(USER, "Authorization", admin());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void importAListThenEveryUserCanLogInAtOnce() {
        HttpResponse<String> r = post(IMPORT, """
                [{"username": "u1", "password": "pw-one-long", "roles": ["user"]},
                 {"username": "u2", "password": "pw-two-long", "email": "u2@example.com", "lang": "ENU"}]
                """, admin());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("imported").asInt()).isEqualTo(2);
        assertThat(r.body()).doesNotContain("pw-one");
        assertThat(passwordLogin("u1", "pw-one-long")).isEqualTo(200);
        assertThat(passwordLogin("u2", "pw-two-long")).isEqualTo(200);
    }

    @Test
    void importYamlToo() {
        HttpResponse<String> r = server.post(IMPORT, "application/yaml", """
                - username: y1
                  password: yaml-pw-long
                  firstName: Yan
                """, "Authorization", admin());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(passwordLogin("y1", "yaml-pw-long")).isEqualTo(200);
    }

    @Test
    void aMalformedImportIs400NamingTheEntryAndImportsNothing() {
        HttpResponse<String> r = post(IMPORT, """
                [{"username": "m1", "password": "pw-one-long"},
                 {"username": "m2", "pasword": "secret-two"}]
                """, admin());

        assertError(r, 400, "invalid_request");
        assertThat(json(r).path("error_description").asText()).contains("entry 2").contains("pasword");
        assertThat(r.body()).doesNotContain("secret-two");
        assertThat(fixture.users.findByUsername("m1")).isEmpty();

        assertError(post(IMPORT, "[{\"username\": \"m3\", ", admin()), 400, "invalid_request");
        assertError(server.post(IMPORT, "text/plain", "[]", "Authorization", admin()), 415, "invalid_request");
    }

    @Test
    void aDuplicateImportIs409() {
        HttpResponse<String> r = post(IMPORT, "[{\"username\": \"n1\", \"password\": \"a-password\"},"
                + " {\"username\": \"alice\", \"password\": \"b-password\"}]", admin());

        assertError(r, 409, "invalid_request");
        assertThat(json(r).path("error_description").asText()).contains("entry 2").contains("alice");
        assertThat(fixture.users.findByUsername("n1")).isEmpty();
    }

    @Test
    void createAClientWithoutASecretGetsAGeneratedOneThatWorksAtOnce() {
        HttpResponse<String> r = post("/api/platform/app/my_app/client",
                "{\"name\": \"Dialogue\", \"permissions\": [\"dialogue.read\", \"*.*\"]}", admin());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = json(r);
        String clientId = body.path("clientId").asText();
        String secret = body.path("secret").asText();
        assertThat(clientId).isNotEmpty();
        assertThat(secret).hasSizeGreaterThan(40);
        assertThat(body.path("appId").asText()).isEqualTo("my_app");
        assertThat(body.path("scopes").toString()).contains("dialogue.read");
        assertThat(fixture.clients.findById(clientId).orElseThrow().appId()).contains("my_app");
        assertThat(clientCredentials(clientId, secret)).isEqualTo(200);
        assertThat(clientCredentials(clientId, "wrong")).isEqualTo(401);
    }

    @Test
    void anAppsAdminCreatesClientsOnlyWithinItsOwnApp() {
        String carl = "Bearer " + tokenOf("carl", "my-app-admin");

        HttpResponse<String> other = post("/api/platform/app/other_app/client", "{\"permissions\": [\"*.*\"]}", carl);
        assertError(other, 403, "insufficient_scope");
        assertThat(other.body()).doesNotContain("other_app");
        assertError(post("/api/platform/app/my_app/client", "{\"permissions\": [\"*.*\"], \"appId\": \"other_app\"}",
                carl), 400, "invalid_request");
        assertError(post("/api/platform/app/my_app/client", "{\"permissions\": [\"lanyard:introspect\"]}", carl),
                403, "insufficient_scope");
        assertThat(fixture.clients.list(0, 100)).noneMatch(c -> c.appId().equals(java.util.Optional.of("other_app")));

        HttpResponse<String> own = post("/api/platform/app/my_app/client", "{\"permissions\": [\"*.*\"]}", carl);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        assertThat(json(own).path("appId").asText()).isEqualTo("my_app");
    }

    @Test
    void anAppsAdminCreatesAndImportsUsersOnlyWithinItsOwnAppAndNeverAGlobalAdmin() {
        String carl = "Bearer " + tokenOf("carl", "my-app-admin");

        assertError(post(USER, "{\"username\": \"mallory\", \"password\": \"mallory-pw\", \"appId\": \"other_app\","
                + " \"roles\": [\"admin\"]}", carl), 403, "insufficient_scope");
        assertError(post(USER, "{\"username\": \"mallory\", \"password\": \"mallory-pw\", \"roles\": [\"global-admin\"]}",
                carl), 403, "insufficient_scope");
        assertError(post(IMPORT, "[{\"username\": \"m1\", \"password\": \"m1-password\"},"
                + " {\"username\": \"m2\", \"password\": \"m2-password\", \"appId\": \"other_app\"}]", carl),
                403, "insufficient_scope");
        assertThat(fixture.users.findByUsername("mallory")).isEmpty();
        assertThat(fixture.users.findByUsername("m1")).as("all or nothing").isEmpty();

        HttpResponse<String> created = post(USER, "{\"username\": \"dora\", \"password\": \"dora-password\","
                + " \"roles\": [\"admin\"]}", carl);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).path("appId").asText()).isEqualTo("my_app");
        HttpResponse<String> imported = post(IMPORT, "[{\"username\": \"m3\", \"password\": \"m3-password\"}]", carl);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(fixture.users.findByUsername("m3").orElseThrow().appId()).contains("my_app");
    }

    @Test
    void anAppsAdminRotatesOnlyTheSecretsOfItsAppsClients() {
        clientAdmin.createClient(Client.builder("theirs").appId("other_app").build());
        clientAdmin.createClient(Client.builder("ours").appId("my_app").build());
        String carl = "Bearer " + tokenOf("carl", "my-app-admin");

        assertError(post("/api/platform/client/theirs/secret", "", carl), 404, "invalid_request");
        assertError(post("/api/platform/client/nobody/secret", "", carl), 404, "invalid_request");
        assertThat(post("/api/platform/client/ours/secret", "", carl).statusCode()).isEqualTo(200);
    }

    @Test
    void aGlobalAdminActsInEveryApp() {
        String gina = "Bearer " + tokenOf("gina", "global-admin");

        HttpResponse<String> r = post("/api/platform/app/other_app/client", "{\"permissions\": [\"lanyard:introspect\"]}",
                gina);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).path("appId").asText()).isEqualTo("other_app");
        assertThat(post(USER, "{\"username\": \"olga\", \"password\": \"olga-password\", \"appId\": \"other_app\"}",
                gina).statusCode()).isEqualTo(201);
    }

    @Test
    void createAClientWithAChosenSecretAndId() {
        HttpResponse<String> r = post("/api/platform/app/my_app/client",
                "{\"clientId\": \"my-app-client\", \"secret\": \"secret-password\", \"scopes\": [\"platform\"],"
                        + " \"appId\": \"my_app\", \"grants\": [\"client_credentials\"]}", admin());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).path("clientId").asText()).isEqualTo("my-app-client");
        assertThat(json(r).path("secretId").asText()).isNotEmpty();
        assertThat(clientCredentials("my-app-client", "secret-password")).isEqualTo(200);

        assertError(post("/api/platform/app/my_app/client", "{\"clientId\": \"my-app-client\", \"secret\": \"x\"}",
                admin()), 409, "invalid_request");
    }

    @Test
    void invalidClientsAre400() {
        String path = "/api/platform/app/my_app/client";
        assertError(post(path, "{\"appId\": \"other_app\"}", admin()), 400, "invalid_request");
        assertError(post(path, "{\"scopes\": [\"a\"], \"permissions\": [\"b\"]}", admin()), 400, "invalid_request");
        assertError(post(path, "{\"grants\": [\"implicit\"]}", admin()), 400, "invalid_request");
        assertError(post(path, "{\"clientId\": \"bad id\"}", admin()), 400, "invalid_request");
        assertError(post(path, "{\"public\": true, \"secret\": \"s\"}", admin()), 400, "invalid_request");
        HttpResponse<String> redirect = post(path, "{\"redirectUris\": [\"/relative\"]}", admin());
        assertError(redirect, 400, "invalid_request");
        assertThat(json(redirect).path("error_description").asText()).contains("redirect URI");
    }

    @Test
    void createClientWhenARedirectUriIsNotHttpsLoopbackOrPrivateUseThenRefused() {
        String path = "/api/platform/app/my_app/client";
        for (String uri : List.of("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd",
                "http://app.example/cb", "https://app.example/cb#x")) {
            HttpResponse<String> r = post(path, "{\"public\": true, \"redirectUris\": [" + jsonString(uri) + "]}",
                    admin());
            assertError(r, 400, "invalid_request");
            assertThat(json(r).path("error_description").asText()).contains("redirect URI");
        }
        for (String uri : List.of("https://app.example/cb", "http://127.0.0.1:8765/cb", "com.example.app:/cb")) {
            assertThat(post(path, "{\"public\": true, \"redirectUris\": [" + jsonString(uri) + "]}", admin())
                    .statusCode()).as(uri).isEqualTo(201);
        }
    }

    @Test
    void rotateThenBothSecretsWorkAndRevokingTheOldOneLeavesTheNew() {
        JsonNode created = json(post("/api/platform/app/my_app/client", "{\"scopes\": [\"platform\"]}", admin()));
        String clientId = created.path("clientId").asText();
        String oldSecret = created.path("secret").asText();

        HttpResponse<String> rotated = post("/api/platform/client/" + clientId + "/secret", "", admin());

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String newSecret = json(rotated).path("secret").asText();
        assertThat(newSecret).isNotEqualTo(oldSecret);
        assertThat(json(rotated).path("secretId").asText()).isNotEqualTo(created.path("secretId").asText());
        assertThat(clientCredentials(clientId, oldSecret)).isEqualTo(200);
        assertThat(clientCredentials(clientId, newSecret)).isEqualTo(200);

        HttpResponse<String> revoked = server.send(HttpRequest.newBuilder(server.uri("/api/platform/client/" + clientId
                + "/secret/" + created.path("secretId").asText())).DELETE().header("Authorization", admin()));
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(clientCredentials(clientId, oldSecret)).isEqualTo(401);
        assertThat(clientCredentials(clientId, newSecret)).isEqualTo(200);

        assertError(post("/api/platform/client/" + clientId + "/secret/" + json(rotated).path("secretId").asText(), "",
                admin()), 409, "invalid_request");
        assertError(post("/api/platform/client/" + clientId + "/secret/s-unknown", "", admin()), 404, "invalid_request");
        assertError(post("/api/platform/client/ghost/secret", "", admin()), 404, "invalid_request");
    }

    @Test
    void anAdminScopeAndRolesFromTheStoreWorkForClientsAndOpaqueTokens() {
        fixture.clients.create(Fixture.client("ops", Set.of("client_credentials"), Set.of("lanyard:admin")));
        TokenService sessions = fixture.service(clock)
                .referenceTokens(new InMemoryReferenceTokenStore(), Duration.ofMinutes(5)).build();
        AdminEndpointConfig scoped = AdminEndpointConfig.builder().createUser(USER).adminRole("admin")
                .adminScope("lanyard:admin").rolesFrom(fixture.users)
                .credentials(BearerCredentialsSpec.builder().header("X-Simplicite-Authorization").build()).build();
        try (TestServer s = TestServer.start(ctx -> ctx.addServlet("admin",
                new AdminEndpoint(sessions, userAdmin, clientAdmin, scoped)).addMapping(scoped.urlPatterns()))) {
            String ops = sessions.grant(TokenRequest.clientCredentials("ops", Fixture.SECRET).build()).accessToken();
            String alice = sessions.grant(TokenRequest.password("web", Fixture.SECRET, "alice",
                    "wonderland".toCharArray()).build()).accessToken();
            String bob = sessions.grant(TokenRequest.password("web", Fixture.SECRET, "bob",
                    "builder".toCharArray()).build()).accessToken();

            assertThat(s.post(USER, "application/json", "{\"username\":\"o1\",\"password\":\"p-password\"}",
                    "X-Simplicite-Authorization", "Bearer " + ops).statusCode()).isEqualTo(201);
            assertThat(s.post(USER, "application/json", "{\"username\":\"o2\",\"password\":\"p-password\"}",
                    "X-Simplicite-Authorization", "Bearer " + alice).statusCode()).isEqualTo(201);
            HttpResponse<String> denied = s.post(USER, "application/json", "{\"username\":\"o3\",\"password\":\"p-password\"}",
                    "X-Simplicite-Authorization", "Bearer " + bob);
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.headers().firstValue("WWW-Authenticate").orElse("")).contains("scope=\"lanyard:admin\"");
        }
    }

    @Test
    void theConfigRefusesAmbiguousOrEmptyRoutesAndMapsItsPaths() {
        assertThat(config.urlPatterns()).containsExactlyInAnyOrder(USER, IMPORT, "/api/platform/app/*",
                "/api/platform/client/*");
        assertThatThrownBy(() -> AdminEndpointConfig.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AdminEndpointConfig.builder().createClient("/a/{appId}/client")
                .rotateSecret("/a/{clientId}/client").build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("same request");
        assertThatThrownBy(() -> AdminEndpointConfig.builder().importUsers("/import/{appId}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdminEndpointConfig.builder().createUser("/u").createUser("/v"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AdminEndpointConfig.builder().createUser("no-slash"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdminEndpointConfig.builder().adminRole("admin").adminRole("admin"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String jsonString(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
