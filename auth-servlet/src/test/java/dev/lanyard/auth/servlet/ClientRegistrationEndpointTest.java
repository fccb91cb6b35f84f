package dev.lanyard.auth.servlet;

import dev.lanyard.auth.admin.ClientAdmin;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static dev.lanyard.auth.servlet.EndpointsTest.assertError;
import static dev.lanyard.auth.servlet.EndpointsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Open client registration over real HTTP, configured as the flask API's {@code POST /client/create}. */
class ClientRegistrationEndpointTest {

    static final String SECRET = "clientpassword";

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final Fixture fixture = new Fixture();
    final ClientAdmin admin = new ClientAdmin(fixture.clients, Fixture.HASHER, AuthEvents.none(), clock);
    final TestServer server = TestServer.start(ctx -> {
        ctx.addServlet("register", flask().build()).addMapping("/client/create");
        ctx.addServlet("register-json", flask().json().build()).addMapping("/json/create");
    });

    ClientRegistrationEndpoint.Builder flask() {
        return ClientRegistrationEndpoint.openRegistration(admin).idField("client_user").secretField("client_password")
                .grants(Set.of("authorization_code", "refresh_token")).scopes(Set.of("profile")).clock(clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> register(String form) {
        return server.postForm("/client/create", form);
    }

    @Test
    void registerThen201WithTheIdAndTheSecretHashedNeverEchoed() {
        HttpResponse<String> r = register("client_user=app1&client_password=" + SECRET);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).isEqualTo("{\"client_user\":\"app1\"}");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        Client created = fixture.clients.findById("app1").orElseThrow();
        assertThat(created.confidential()).isTrue();
        assertThat(created.grants()).containsExactlyInAnyOrder("authorization_code", "refresh_token");
        assertThat(created.scopes()).containsExactly("profile");
        assertThat(created.secrets()).singleElement().satisfies(s -> assertThat(s.hash()).startsWith("$argon2id$")
                .doesNotContain(SECRET));
    }

    @Test
    void registerWhenIdTakenThen409AndTheExistingClientIsUnchanged() {
        Client before = fixture.clients.findById("web").orElseThrow();

        assertError(register("client_user=web&client_password=" + SECRET), 409, "invalid_request");
        assertThat(fixture.clients.findById("web")).contains(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no id              | client_password=clientpassword
            empty id           | client_user=&client_password=clientpassword
            no secret          | client_user=app1
            empty secret       | client_user=app1&client_password=
            nothing            | ''
            """)
    void registerWhenAFieldIsMissingOrEmptyThen400NamingIt(String name, String form) {
        HttpResponse<String> r = register(form);

        assertError(r, 400, "invalid_request");
        assertThat(json(r).path("error_description").asText()).containsAnyOf("'client_user'", "'client_password'");
        assertThat(fixture.clients.findById("app1")).isEmpty();
    }

    @Test
    void registerWhenSecretTooShortThen400NamingTheProblemWithoutEchoingIt() {
        HttpResponse<String> r = register("client_user=app1&client_password=short12");

        assertError(r, 400, "invalid_request");
        assertThat(json(r).path("error_description").asText()).contains("'client_password'").contains("at least 8");
        assertThat(r.body()).doesNotContain("short12");
        assertThat(fixture.clients.findById("app1")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"app%201", "app%2F1", "%C3%A9t%C3%A9", "app<script>"})
    void registerWhenIdHasCharactersOutsideTheAllowedSetThen400(String id) {
        assertError(register("client_user=" + id + "&client_password=" + SECRET), 400, "invalid_request");
    }

    @ParameterizedTest
    @CsvSource({
            "0f8fad5b-d9cb-469f-a165-70867728950e", // canonical, as User.builder generates it
            "0F8FAD5B-D9CB-469F-A165-70867728950E", // upper case
            "0f8fad5bd9cb469fa16570867728950e",     // no hyphens
            "0F8fad5bD9CB469fa16570867728950E",     // mixed case, no hyphens
            "0f8fad5bd9cb-469f-a165-70867728950e",  // hyphens misplaced
            "-0f8fad5b-d9cb-469f-a165-70867728950e-"})
    void registerWhenIdIsShapedLikeAUuidThen400NamingTheRule(String id) {
        HttpResponse<String> r = register("client_user=" + id + "&client_password=" + SECRET);

        assertError(r, 400, "invalid_request");
        assertThat(json(r).path("error_description").asText()).contains("'client_user'").contains("UUID");
        assertThat(fixture.clients.findById(id)).isEmpty();
    }

    @Test
    void registerWhenAUserIdIsChosenThenRefusedSoNoClientTokenCanNameThatUser() {
        String userId = fixture.alice.id();

        assertError(register("client_user=" + userId + "&client_password=" + SECRET), 400, "invalid_request");
        assertThat(fixture.clients.findById(userId)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"0f8fad5b-d9cb-469f-a165-70867728950", "0f8fad5b-d9cb-469f-a165-70867728950e1",
            "app-0f8fad5b-d9cb-469f-a165-70867728950e", "0f8fad5b-d9cb-469f-a165-70867728950g"})
    void registerWhenIdOnlyResemblesAUuidThen201(String id) {
        assertThat(register("client_user=" + id + "&client_password=" + SECRET).statusCode()).isEqualTo(201);
    }

    @Test
    void registerWhenIdIsTooLongThen400() {
        assertError(register("client_user=" + "a".repeat(65) + "&client_password=" + SECRET), 400, "invalid_request");
        assertThat(register("client_user=" + "a".repeat(64) + "&client_password=" + SECRET).statusCode()).isEqualTo(201);
    }

    @Test
    void registerWhenAParameterIsGivenTwiceThen400() {
        assertError(register("client_user=app1&client_user=app2&client_password=" + SECRET), 400, "invalid_request");
    }

    @Test
    void registerWhenTheContentTypeIsNotFormThen415UnlessJsonIsConfigured() {
        String body = "{\"client_user\":\"app1\",\"client_password\":\"" + SECRET + "\"}";

        assertError(server.post("/client/create", "application/json", body), 415, "invalid_request");
        assertError(server.post("/client/create", "text/plain", "client_user=app1"), 415, "invalid_request");
        HttpResponse<String> ok = server.post("/json/create", "application/json", body);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(ok.body()).isEqualTo("{\"client_user\":\"app1\"}");
    }

    @Test
    void registerWhenJsonIsMalformedOrHoldsALoneSurrogateThen400() {
        assertError(server.post("/json/create", "application/json", "{\"client_user\":"), 400, "invalid_request");
        assertError(server.post("/json/create", "application/json", "{\"client_user\":\"a\",\"client_user\":\"b\"}"), 400,
                "invalid_request");
        assertError(server.post("/json/create", "application/json", "{\"client_user\":\"app1\",\"client_password\":"
                + "\"abcdefgh\\ud800\"}"), 400, "invalid_request");
    }

    @Test
    void registerWhenTheBodyIsTooLargeThen413() {
        assertError(register("client_user=app1&client_password=" + SECRET + "&pad=" + "x".repeat(9000)), 413,
                "invalid_request");
    }

    @Test
    void registerWhenTheSecretIsInTheQueryStringThen400() {
        assertError(server.postForm("/client/create?client_password=" + SECRET, "client_user=app1"), 400,
                "invalid_request");
        assertThat(fixture.clients.findById("app1")).isEmpty();
    }

    @Test
    void registerWhenNotPostThen405WithAJsonBody() {
        HttpResponse<String> r = server.get("/client/create");

        assertError(r, 405, "invalid_request");
        assertThat(r.headers().firstValue("Allow")).contains("POST");
        assertError(server.send(HttpRequest.newBuilder(server.uri("/client/create"))
                .method("PUT", HttpRequest.BodyPublishers.ofString("client_user=a"))), 405, "invalid_request");
    }

    @Test
    void registerWhenAnAddressIsOverTheLimitThen429WithRetryAfterBeforeAnyLookupUntilTheWindowEnds() {
        for (int i = 0; i < 10; i++) {
            assertThat(register("client_user=app" + i + "&client_password=" + SECRET).statusCode()).isEqualTo(201);
        }
        clock.advance(Duration.ofMinutes(20));

        HttpResponse<String> r = register("client_user=app10&client_password=" + SECRET);
        assertError(r, 429, "temporarily_unavailable");
        assertThat(r.headers().firstValue("Retry-After")).contains("2400");
        assertThat(json(r).path("error_description").asText()).contains("this address");
        assertThat(fixture.clients.findById("app10")).isEmpty();
        // A taken id is a 429 too: nothing is looked up, let alone hashed, over the limit.
        assertError(register("client_user=app0&client_password=" + SECRET), 429, "temporarily_unavailable");

        clock.advance(Duration.ofMinutes(40));
        assertThat(register("client_user=app10&client_password=" + SECRET).statusCode()).isEqualTo(201);
    }

    @Test
    void registerWhenRequestsAreRefusedAsInvalidThenTheyDoNotCountAgainstTheLimit() {
        for (int i = 0; i < 20; i++) {
            assertError(register("client_user=app1&client_password=short"), 400, "invalid_request");
        }

        assertThat(register("client_user=app1&client_password=" + SECRET).statusCode()).isEqualTo(201);
    }

    @Test
    void registerWhenTheLimitsAreConfiguredThenTheyApplyPerAddressAndOverall() {
        try (TestServer perAddress = TestServer.start(ctx -> ctx.addServlet("r", flask()
                .maxRegistrationsPerAddress(2, Duration.ofMinutes(1)).build()).addMapping("/r"));
             TestServer overall = TestServer.start(ctx -> ctx.addServlet("r", flask()
                     .maxRegistrations(1, Duration.ofMinutes(5)).build()).addMapping("/r"))) {
            assertThat(perAddress.postForm("/r", "client_user=a1&client_password=" + SECRET).statusCode()).isEqualTo(201);
            assertThat(perAddress.postForm("/r", "client_user=a2&client_password=" + SECRET).statusCode()).isEqualTo(201);
            HttpResponse<String> third = perAddress.postForm("/r", "client_user=a3&client_password=" + SECRET);
            assertError(third, 429, "temporarily_unavailable");
            assertThat(third.headers().firstValue("Retry-After")).contains("60");

            assertThat(overall.postForm("/r", "client_user=b1&client_password=" + SECRET).statusCode()).isEqualTo(201);
            HttpResponse<String> second = overall.postForm("/r", "client_user=b2&client_password=" + SECRET);
            assertError(second, 429, "temporarily_unavailable");
            assertThat(second.headers().firstValue("Retry-After")).contains("300");
            assertThat(json(second).path("error_description").asText()).contains("everyone");
        }
    }

    @Test
    void buildWhenALimitIsNotPositiveThenRefused() {
        assertThatThrownBy(() -> flask().maxRegistrationsPerAddress(0, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRegistrationsPerAddress");
        assertThatThrownBy(() -> flask().maxRegistrations(5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
    }

    @Test
    void buildWhenThePasswordGrantOrAnUnknownGrantOrOneFieldNameTwiceThenRefused() {
        assertThatThrownBy(() -> ClientRegistrationEndpoint.openRegistration(admin).grants(List.of("password")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> ClientRegistrationEndpoint.openRegistration(admin).grants(List.of("implicit")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("implicit");
        assertThatThrownBy(() -> ClientRegistrationEndpoint.openRegistration(admin).idField("x").secretField("x").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ClientRegistrationEndpoint.openRegistration(admin).minSecretLength(4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildWhenRegisteredClientsWouldHoldTheIntrospectionPermissionThenRefused() {
        assertThatThrownBy(() -> ClientRegistrationEndpoint.openRegistration(admin)
                .scopes(List.of("profile", dev.lanyard.auth.IntrospectionPolicy.PERMISSION)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lanyard:introspect")
                .hasMessageContaining("anyone could register one");
    }
}
