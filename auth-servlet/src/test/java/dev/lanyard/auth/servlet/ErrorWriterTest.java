package dev.lanyard.auth.servlet;

import dev.lanyard.auth.InvalidCredentialsException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static dev.lanyard.auth.servlet.EndpointsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An endpoint's error writer replaces one entry of the table, over real HTTP, and leaves the others alone. */
class ErrorWriterTest {

    static final String WRONG_PASSWORD = "grant_type=password&username=alice&password=nope";

    final TokenService tokens = new Fixture().service(MutableClock.at("2026-11-22T10:00:00Z")).build();
    final TestServer server = TestServer.start(ctx -> {
        LanyardEndpoints.builder(tokens)
                .tokenEndpoint("/api/login", TokenEndpointConfig.builder()
                        .errors(ErrorWriter.oauth2(ErrorStatuses.rfc6749().with(InvalidCredentialsException.class, 422)))
                        .build())
                .tokenEndpoint("/api/teapot", TokenEndpointConfig.builder()
                        .errors((request, response, e) -> {
                            response.setStatus(418);
                            response.setContentType("text/plain;charset=UTF-8");
                            response.getWriter().write(e.error().code());
                        }).build())
                .tokenEndpoint("/api/broken", TokenEndpointConfig.builder()
                        .errors((request, response, e) -> {
                            throw new IllegalStateException("a broken writer");
                        }).build())
                .clientCode("/api/code", ClientCodeEndpoint.builder(tokens)
                        .errors(ErrorWriter.json(ErrorStatuses.rfc6749().with(OAuthError.INVALID_CLIENT, 403))).build())
                .build().register(ctx);
        ctx.addServlet("revoke-400", new RevocationEndpoint(tokens,
                ErrorWriter.json(ErrorStatuses.rfc6749().with(OAuthError.INVALID_CLIENT, 400)))).addMapping("/api/revoke");
    });

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> wrongPassword(String path) {
        return server.postForm(path, WRONG_PASSWORD, "Authorization", TestServer.basic("web", Fixture.SECRET));
    }

    @Test
    void anEntryReplacedThenThatStatusAndTheSameBody() {
        HttpResponse<String> standard = wrongPassword("/oauth2/token");
        HttpResponse<String> replaced = wrongPassword("/api/login");

        assertThat(standard.statusCode()).isEqualTo(400);
        assertThat(replaced.statusCode()).isEqualTo(422);
        assertThat(json(replaced).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(json(replaced).path("error_description").asText())
                .isEqualTo(json(standard).path("error_description").asText());
        assertThat(replaced.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void theOtherEntriesKeepTheirStatusesAndBasicStaysA401() {
        HttpResponse<String> badClient = server.postForm("/api/login", WRONG_PASSWORD,
                "Authorization", TestServer.basic("web", "nope"));
        HttpResponse<String> noGrant = server.postForm("/api/login", "username=alice",
                "Authorization", TestServer.basic("web", Fixture.SECRET));

        assertThat(badClient.statusCode()).isEqualTo(401);
        assertThat(badClient.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"lanyard\"");
        assertThat(noGrant.statusCode()).isEqualTo(400);
        assertThat(json(noGrant).path("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void aWriterOfOnesOwnThenItsAnswer() {
        HttpResponse<String> r = wrongPassword("/api/teapot");

        assertThat(r.statusCode()).isEqualTo(418);
        assertThat(r.body()).isEqualTo("invalid_grant");
    }

    @Test
    void aWriterThatThrowsThenAGenericServerErrorWithoutTheTrace() {
        HttpResponse<String> r = wrongPassword("/api/broken");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(json(r).path("error").asText()).isEqualTo("server_error");
        assertThat(json(r).path("error_description").asText()).startsWith("the server could not complete the request");
        assertThat(r.body()).doesNotContain("broken writer").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aClientCodeEndpointWithItsOwnTable() {
        HttpResponse<String> r = server.postForm("/api/code", "", "Authorization", TestServer.basic("machine", "nope"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void aRevocationEndpointWithItsOwnTable() {
        String wrongSecret = "token=x&client_id=machine&client_secret=nope";

        assertThat(server.postForm("/oauth2/revoke", wrongSecret).statusCode()).isEqualTo(401);
        HttpResponse<String> r = server.postForm("/api/revoke", wrongSecret);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void statusForAndErrorsOnOneBuilderThenRefused() {
        ErrorWriter writer = ErrorWriter.json(ErrorStatuses.rfc6749());

        assertThatThrownBy(() -> TokenEndpointConfig.builder().statusFor(OAuthError.INVALID_GRANT, 401).errors(writer))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("statusFor(..) and errors(..)");
        assertThatThrownBy(() -> TokenEndpointConfig.builder().errors(writer).statusFor(OAuthError.INVALID_GRANT, 401))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TokenEndpointConfig.builder().statusFor(OAuthError.INVALID_GRANT, 401)
                .statusFor(OAuthError.INVALID_GRANT, 403)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LogoutEndpoint.builder(tokens).errors(writer).errors(writer))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ClientCodeEndpoint.builder(tokens).errors(writer).errors(writer))
                .isInstanceOf(IllegalStateException.class);
    }
}
