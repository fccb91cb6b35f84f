package dev.lanyard.auth.servlet;

import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static dev.lanyard.auth.servlet.EndpointsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A built {@link LanyardEndpoints} registers what build() checked, whatever the builder is told afterwards. */
class LanyardEndpointsTest {

    final TokenService tokens = new Fixture().service(MutableClock.at("2026-11-22T10:00:00Z")).build();

    @Test
    void protectAfterBuildThenTheTokenEndpointStaysOpenAndTheBuiltBundleUnchanged() {
        LanyardEndpoints.Builder builder = LanyardEndpoints.builder(tokens).protect("/api/*");
        LanyardEndpoints built = builder.build();

        // build() would refuse this; after build() it must not reach the built bundle either
        builder.protect("/oauth2/*").tokenPath("/elsewhere/token").whoamiPath("/elsewhere/whoami");

        try (TestServer server = TestServer.start(built::register)) {
            HttpResponse<String> token = server.postForm("/oauth2/token", "grant_type=client_credentials",
                    "Authorization", TestServer.basic("machine", Fixture.SECRET));
            assertThat(token.statusCode()).isEqualTo(200);
            assertThat(json(token).path("access_token").asText()).isNotEmpty();
            assertThat(server.get("/elsewhere/token").statusCode()).isEqualTo(404); // the container's own answer
            assertThat(server.get("/api/whoami").statusCode()).isEqualTo(401);
            assertThat(server.get("/elsewhere/whoami").statusCode()).isEqualTo(404);
        }
        assertThat(built.metadata().get("token_endpoint")).isEqualTo(Fixture.ISSUER + "/oauth2/token");
    }

    @Test
    void theSameBuilderBuiltAgainThenChecksTheLaterSettings() {
        LanyardEndpoints.Builder builder = LanyardEndpoints.builder(tokens);
        builder.build();
        builder.protect("/oauth2/*");

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("protect(..) covers /oauth2/token");
    }

    @Test
    void protectingEverythingIsRefusedSinceTheMetadataMustStayOpen() {
        assertThatThrownBy(() -> LanyardEndpoints.builder(tokens).protect("/.well-known/*").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("protect(..) covers /.well-known/oauth-authorization-server");
    }

    @Test
    void scopesAddedAfterBuildThenNotInTheBuiltMetadata() {
        LanyardEndpoints.Builder builder = LanyardEndpoints.builder(tokens).scopes(java.util.List.of("profile"));
        LanyardEndpoints built = builder.build();
        builder.scopes(java.util.List.of("orders:read"));

        assertThat(built.metadata().get("scopes_supported")).isEqualTo(java.util.List.of("profile"));
    }
}
