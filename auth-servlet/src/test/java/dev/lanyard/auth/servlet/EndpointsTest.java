package dev.lanyard.auth.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Token, revocation, introspection, JWKS and metadata endpoints over real HTTP against embedded Jetty. */
class EndpointsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String S = URLEncoder.encode(Fixture.SECRET, StandardCharsets.UTF_8);

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final Fixture fixture = new Fixture();
    final TokenService tokens = fixture.service(clock).build();
    final TestServer server = TestServer.start(ctx -> LanyardEndpoints.builder(tokens).protect("/api/*").build()
            .register(ctx));

    @AfterEach
    void stop() {
        server.close();
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    HttpResponse<String> token(String form, String... headers) {
        return server.postForm("/oauth2/token", form, headers);
    }

    static void assertError(HttpResponse<String> r, int status, String error) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(json(r).path("error").asText()).isEqualTo(error);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void clientCredentialsWithBasicAuthAndNoStoreHeaders() {
        HttpResponse<String> r = token("grant_type=client_credentials&scope=orders%3Aread",
                "Authorization", TestServer.basic("machine", Fixture.SECRET));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.headers().firstValue("Pragma")).contains("no-cache");
        JsonNode body = json(r);
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(900);
        assertThat(body.path("scope").asText()).isEqualTo("orders:read");
        String access = body.path("access_token").asText();
        assertThat(server.get("/api/whoami", "Authorization", "Bearer " + access).body()).contains("\"sub\":\"machine\"");
    }

    @Test
    void clientSecretPostWorksToo() {
        assertThat(token("grant_type=client_credentials&client_id=machine&client_secret=" + S).statusCode()).isEqualTo(200);
    }

    @Test
    void passwordThenRefreshThenTheOldRefreshTokenIsDead() {
        JsonNode login = json(token("grant_type=password&username=alice&password=wonderland",
                "Authorization", TestServer.basic("web", Fixture.SECRET)));
        String refresh = login.path("refresh_token").asText();

        HttpResponse<String> next = token("grant_type=refresh_token&refresh_token=" + refresh,
                "Authorization", TestServer.basic("web", Fixture.SECRET));
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(json(next).path("refresh_token").asText()).isNotEqualTo(refresh);

        clock.advance(java.time.Duration.ofSeconds(6)); // past the default grace window of 5 s: a replay is reuse
        assertError(token("grant_type=refresh_token&refresh_token=" + refresh,
                "Authorization", TestServer.basic("web", Fixture.SECRET)), 400, "invalid_grant");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no grant_type                 | client_id=machine&client_secret=SECRET                                           | 400 | invalid_request
            unknown grant_type            | grant_type=implicit&client_id=machine&client_secret=SECRET                      | 400 | unsupported_grant_type
            wrong secret                  | grant_type=client_credentials&client_id=machine&client_secret=nope               | 401 | invalid_client
            unknown client                | grant_type=client_credentials&client_id=ghost&client_secret=SECRET              | 401 | invalid_client
            no client at all              | grant_type=client_credentials                                                   | 401 | invalid_client
            grant not allowed             | grant_type=password&client_id=machine&client_secret=SECRET&username=alice&password=wonderland | 400 | unauthorized_client
            scope not allowed             | grant_type=client_credentials&client_id=machine&client_secret=SECRET&scope=admin | 400 | invalid_scope
            duplicate parameter           | grant_type=client_credentials&grant_type=client_credentials&client_id=machine&client_secret=SECRET | 400 | invalid_request
            password wrong                | grant_type=password&client_id=web&client_secret=SECRET&username=alice&password=nope | 400 | invalid_grant
            password missing              | grant_type=password&client_id=web&client_secret=SECRET&username=alice             | 400 | invalid_request
            refresh unknown               | grant_type=refresh_token&client_id=web&client_secret=SECRET&refresh_token=nope    | 400 | invalid_grant
            refresh missing               | grant_type=refresh_token&client_id=web&client_secret=SECRET                       | 400 | invalid_request
            code unknown                  | grant_type=authorization_code&client_id=web&client_secret=SECRET&code=nope&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb | 400 | invalid_grant
            code missing                  | grant_type=authorization_code&client_id=web&client_secret=SECRET&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb | 400 | invalid_request
            public client code no pkce    | grant_type=authorization_code&client_id=spa&code=nope&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb | 400 | invalid_grant
            malformed form encoding       | grant_type=client_credentials&client_id=%zz                                      | 400 | invalid_request
            """)
    void rfc6749ErrorMatrix(String name, String form, int status, String error) {
        HttpResponse<String> r = token(form.replace("SECRET", S));
        assertError(r, status, error);
        if (status == 401) {
            assertThat(r.headers().firstValue("WWW-Authenticate")).as("RFC 9110 15.5.2: every 401 has a challenge")
                    .contains("Basic realm=\"lanyard\"");
        }
    }

    /** RFC 7521 section 4.2: a client assertion is read as one, never beside a secret or HTTP Basic. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            assertion and secret          | grant_type=client_credentials&client_id=machine&client_secret=SECRET&client_assertion_type=urn%3Ax&client_assertion=a.b.c | 400 | invalid_request
            assertion without its type    | grant_type=client_credentials&client_assertion=a.b.c                            | 400 | invalid_request
            type without an assertion     | grant_type=client_credentials&client_assertion_type=urn%3Ax                      | 400 | invalid_request
            assertion no method takes     | grant_type=client_credentials&client_assertion_type=urn%3Ax&client_assertion=a.b.c | 401 | invalid_client
            """)
    void clientAssertionsAreReadAsSuchAndNeverBesideAnotherMethod(String name, String form, int status, String error) {
        assertError(token(form.replace("SECRET", S)), status, error);
    }

    @Test
    void aClientAssertionBesideHttpBasicIsInvalidRequest() {
        assertError(token("grant_type=client_credentials&client_assertion_type=urn%3Ax"
                + "&client_assertion=a.b.c", "Authorization", TestServer.basic("machine", Fixture.SECRET)), 400, "invalid_request");
    }

    /** RFC 9110 section 15.5.2: a 401 carries WWW-Authenticate, also after client_secret_post or no credentials. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            token, client_secret_post wrong      | /oauth2/token      | grant_type=client_credentials&client_id=machine&client_secret=nope
            token, no credentials                | /oauth2/token      | grant_type=client_credentials
            revocation, client_secret_post wrong | /oauth2/revoke     | token=x&client_id=machine&client_secret=nope
            revocation, no credentials           | /oauth2/revoke     | token=x
            introspection, no credentials        | /oauth2/introspect | token=x
            """)
    void every401CarriesWwwAuthenticate(String name, String path, String form) {
        HttpResponse<String> r = server.postForm(path, form);

        assertError(r, 401, "invalid_client");
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"lanyard\"");
    }

    /** Issue 10, point 8: Jackson stops after the first value; what follows it must not be dropped silently. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"grant_type\":\"client_credentials\"} {\"grant_type\":\"password\"}",
            "{\"grant_type\":\"client_credentials\"}garbage",
            "{\"grant_type\":\"client_credentials\"}]",
            "{\"grant_type\":\"client_credentials\"}\n\"more\""})
    void jsonBodyWhenContentFollowsTheObjectThenIs400(String body) {
        try (TestServer jsonToken = TestServer.start(ctx -> ctx.addServlet("token", new TokenEndpoint(tokens,
                TokenEndpointConfig.builder().json().build())).addMapping("/token"))) {
            HttpResponse<String> r = jsonToken.post("/token", "application/json", body,
                    "Authorization", TestServer.basic("machine", Fixture.SECRET));

            assertError(r, 400, "invalid_request");
            assertThat(json(r).path("error_description").asText()).contains("content after the JSON object")
                    .doesNotContainIgnoringCase("jackson").doesNotContain("com.fasterxml");

            HttpResponse<String> spaces = jsonToken.post("/token", "application/json",
                    "{\"grant_type\":\"client_credentials\"} \r\n", "Authorization", TestServer.basic("machine", Fixture.SECRET));
            assertThat(spaces.statusCode()).as("whitespace after the object is fine").isEqualTo(200);
        }
    }

    @Test
    void aStatusConfiguredAs401CarriesWwwAuthenticate() {
        try (TestServer simacanLike = TestServer.start(ctx -> ctx.addServlet("token", new TokenEndpoint(tokens,
                TokenEndpointConfig.builder().statusFor(OAuthError.INVALID_GRANT, 401).realm("api").build()))
                .addMapping("/token"))) {
            HttpResponse<String> r = simacanLike.postForm("/token", "grant_type=refresh_token&refresh_token=nope",
                    "Authorization", TestServer.basic("web", Fixture.SECRET));

            assertError(r, 401, "invalid_grant");
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"api\"");
        }
    }

    @Test
    void invalidClientAfterABasicHeaderIs401WithABasicChallenge() {
        HttpResponse<String> r = token("grant_type=client_credentials", "Authorization", TestServer.basic("machine", "nope"));

        assertError(r, 401, "invalid_client");
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"lanyard\"");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void twoClientAuthenticationMethodsAtOnceAreRefused() {
        assertError(token("grant_type=client_credentials&client_secret=" + S,
                "Authorization", TestServer.basic("machine", Fixture.SECRET)), 400, "invalid_request");
    }

    @Test
    void credentialsInTheQueryStringAreRefused() {
        assertError(server.postForm("/oauth2/token?client_secret=" + S, "grant_type=client_credentials&client_id=machine"),
                400, "invalid_request");
    }

    @Test
    void wrongContentTypeIs415() {
        assertError(server.post("/oauth2/token", "text/plain", "grant_type=client_credentials"), 415, "invalid_request");
    }

    /**
     * Issue 10, point 16: RFC 6749 section 5.2 makes a JSON body at the form token endpoint invalid_request
     * (was 415); revocation and introspection answer with the same errors (RFC 7009 2.2.1, RFC 7662 2.3).
     */
    @ParameterizedTest
    @ValueSource(strings = {"/oauth2/token", "/oauth2/revoke", "/oauth2/introspect"})
    void requestWhenBodyIsJsonAtAFormEndpointThenIs400InvalidRequest(String path) {
        HttpResponse<String> r = server.post(path, "application/json", "{\"grant_type\":\"client_credentials\"}");

        assertError(r, 400, "invalid_request");
        assertThat(json(r).path("error_description").asText()).contains("application/x-www-form-urlencoded");
    }

    @Test
    void oversizedBodyIs413() {
        assertError(token("grant_type=client_credentials&pad=" + "x".repeat(70_000)), 413, "invalid_request");
    }

    /** OPTIONS lists what the endpoint serves and never TRACE, which is always refused, on any container. */
    @ParameterizedTest
    @ValueSource(strings = {"/oauth2/token", "/oauth2/revoke", "/oauth2/jwks"})
    void optionsNeverAdvertisesTrace(String path) {
        HttpResponse<String> options = server.send(HttpRequest.newBuilder(server.uri(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.headers().firstValue("Allow").orElseThrow()).contains("OPTIONS").doesNotContain("TRACE");
        assertThat(server.send(HttpRequest.newBuilder(server.uri(path)).method("TRACE", HttpRequest.BodyPublishers.noBody()))
                .statusCode()).isEqualTo(405);
    }

    @Test
    void getIsNotAllowedOnTheTokenEndpoint() {
        HttpResponse<String> r = server.get("/oauth2/token?grant_type=client_credentials");

        assertThat(r.statusCode()).isEqualTo(405);
    }

    @Test
    void revocationAnswers200EvenForUnknownTokensAndRevokesKnownOnes() {
        String access = json(token("grant_type=client_credentials&client_id=machine&client_secret=" + S))
                .path("access_token").asText();

        HttpResponse<String> unknown = server.postForm("/oauth2/revoke", "token=nonsense",
                "Authorization", TestServer.basic("machine", Fixture.SECRET));
        assertThat(unknown.statusCode()).isEqualTo(200);

        HttpResponse<String> known = server.postForm("/oauth2/revoke", "token=" + access + "&token_type_hint=access_token",
                "Authorization", TestServer.basic("machine", Fixture.SECRET));
        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(server.get("/api/whoami", "Authorization", "Bearer " + access).statusCode()).isEqualTo(401);

        assertError(server.postForm("/oauth2/revoke", "token=" + access, "Authorization", TestServer.basic("machine", "x")),
                401, "invalid_client");
    }

    @Test
    void introspectionRequiresAuthenticationAndRevealsNothingAboutInactiveTokens() {
        String access = json(token("grant_type=password&username=alice&password=wonderland&client_id=web&client_secret=" + S))
                .path("access_token").asText();

        JsonNode active = json(server.postForm("/oauth2/introspect", "token=" + access,
                "Authorization", TestServer.basic("resource-server", Fixture.SECRET)));
        assertThat(active.path("active").asBoolean()).isTrue();
        assertThat(active.path("username").asText()).isEqualTo("alice");

        HttpResponse<String> inactive = server.postForm("/oauth2/introspect", "token=garbage",
                "Authorization", TestServer.basic("resource-server", Fixture.SECRET));
        assertThat(inactive.body()).isEqualTo("{\"active\":false}");

        HttpResponse<String> notYours = server.postForm("/oauth2/introspect", "token=" + access,
                "Authorization", TestServer.basic("machine", Fixture.SECRET));
        assertThat(notYours.statusCode()).isEqualTo(200);
        assertThat(notYours.body()).as("machine may not read web's token").isEqualTo("{\"active\":false}");

        assertError(server.postForm("/oauth2/introspect", "token=" + access), 401, "invalid_client");
    }

    @Test
    void jwksIsPublicCacheableAndHoldsNoPrivateMaterial() {
        HttpResponse<String> r = server.get("/oauth2/jwks");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/jwk-set+json");
        assertThat(r.headers().firstValue("Cache-Control")).contains("public, max-age=300");
        JsonNode keys = json(r).path("keys");
        assertThat(keys.size()).isEqualTo(2);
        keys.forEach(k -> assertThat(k.has("d") || k.has("p") || k.has("k")).isFalse());
    }

    @Test
    void metadataDescribesTheEndpoints() {
        JsonNode m = json(server.get("/.well-known/oauth-authorization-server"));

        assertThat(m.path("issuer").asText()).isEqualTo(Fixture.ISSUER);
        assertThat(m.path("token_endpoint").asText()).isEqualTo(Fixture.ISSUER + "/oauth2/token");
        assertThat(m.path("jwks_uri").asText()).isEqualTo(Fixture.ISSUER + "/oauth2/jwks");
    }

    @Test
    void metadataPublishesWhatIsSupportedResponseModesScopesAndNoneForRevocation() {
        try (TestServer withAuthorize = TestServer.start(ctx -> LanyardEndpoints.builder(tokens)
                .authorizePath("/oauth2/authorize").scopes(List.of("profile", "orders:read")).build().register(ctx))) {
            JsonNode m = json(withAuthorize.get("/.well-known/oauth-authorization-server"));

            assertThat(m.path("response_modes_supported").toString()).isEqualTo("[\"query\"]");
            assertThat(m.path("scopes_supported").toString()).isEqualTo("[\"orders:read\",\"profile\"]");
            assertThat(m.path("revocation_endpoint_auth_methods_supported").toString())
                    .isEqualTo("[\"client_secret_basic\",\"client_secret_post\",\"none\"]");
            assertThat(m.path("introspection_endpoint_auth_methods_supported").toString()).doesNotContain("none");
        }
        // what "none" promises: a public client revokes with its client_id alone
        assertThat(server.postForm("/oauth2/revoke", "token=whatever&client_id=spa").statusCode()).isEqualTo(200);
    }

    @Test
    void whoamiNeedsAToken() {
        assertThat(server.get("/api/whoami").statusCode()).isEqualTo(401);
    }

    @Test
    void aJsonConfiguredEndpointReproducesAnotherApi() {
        TokenEndpointConfig nextome = TokenEndpointConfig.builder().json().grantType("client_credentials")
                .requestField("clientId", "client_id").requestField("clientSecret", "client_secret")
                .responseField("access_token", "accessToken").responseField("expires_in", "expiresIn")
                .responseField("token_type", "tokenType").build();
        try (TestServer apps = TestServer.start(ctx -> ctx.addServlet("auth", new TokenEndpoint(tokens, nextome))
                .addMapping("/apps/auth"))) {
            HttpResponse<String> ok = apps.post("/apps/auth", "application/json",
                    "{\"clientId\":\"machine\",\"clientSecret\":\"" + Fixture.SECRET + "\"}");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(json(ok).fieldNames()).toIterable().contains("accessToken", "expiresIn", "tokenType");

            assertError(apps.post("/apps/auth", "application/json", "{\"clientId\":\"machine\",\"clientSecret\":\"x\"}"),
                    401, "invalid_client");
            assertError(apps.post("/apps/auth", "application/json", "{\"clientId\": [1]}"), 400, "invalid_request");
            assertError(apps.post("/apps/auth", "application/json", "{not json"), 400, "invalid_request");
            assertError(apps.post("/apps/auth", "application/json", "{\"a\":" + "[".repeat(1500)), 400, "invalid_request");
            assertError(apps.post("/apps/auth", "application/json", "{\"clientId\":\"a\",\"clientId\":\"b\"}"), 400,
                    "invalid_request");
        }
    }

    @Test
    void alwaysScopeWritesAnEmptyScopeForATokenWithoutScopes() {
        fixture.clients.create(Fixture.client("bare", java.util.Set.of("client_credentials"), java.util.Set.of()));
        TokenEndpointConfig always = TokenEndpointConfig.builder().alwaysScope().build();
        try (TestServer s = TestServer.start(ctx -> {
            ctx.addServlet("plain", new TokenEndpoint(tokens, TokenEndpointConfig.standard())).addMapping("/plain");
            ctx.addServlet("always", new TokenEndpoint(tokens, always)).addMapping("/always");
        })) {
            String bare = "grant_type=client_credentials&client_id=bare&client_secret=" + S;
            String scoped = "grant_type=client_credentials&client_id=machine&client_secret=" + S;

            assertThat(json(s.postForm("/plain", bare)).has("scope")).isFalse();
            assertThat(json(s.postForm("/always", bare)).get("scope").asText()).isEmpty();
            assertThat(json(s.postForm("/always", scoped)).get("scope").asText()).isEqualTo("orders:read orders:write");
        }
    }

    @Test
    void anUnexpectedFailureIsAGenericServerErrorWithACorrelationId() {
        TokenService broken = fixture.service(new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                throw new IllegalStateException("clock broken: secret internal detail");
            }
        }).build();
        try (TestServer s = TestServer.start(ctx -> ctx.addServlet("t", new TokenEndpoint(broken,
                TokenEndpointConfig.standard())).addMapping("/t"))) {
            HttpResponse<String> r = s.postForm("/t", "grant_type=client_credentials&client_id=machine&client_secret=" + S);

            assertError(r, 500, OAuthError.SERVER_ERROR.code());
            assertThat(r.body()).contains("correlation id").doesNotContain("secret internal detail");
        }
    }
}
