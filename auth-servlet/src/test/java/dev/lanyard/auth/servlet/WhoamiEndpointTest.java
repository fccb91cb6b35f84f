package dev.lanyard.auth.servlet;

import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.lanyard.auth.servlet.EndpointsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A configured whoami ({@code GET /api/users -> {"username": ...}}) next to the default one. */
class WhoamiEndpointTest {

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final Fixture fixture = new Fixture();
    final TokenService tokens = fixture.service(clock).build();
    final TestServer server = TestServer.start(ctx -> LanyardEndpoints.builder(tokens)
            .whoami("/api/users", WhoamiEndpoint.builder().field("username", WhoamiEndpoint.Value.NAME).build())
            .whoami("/api/me", WhoamiEndpoint.builder().field("user", WhoamiEndpoint.Value.USERNAME)
                    .field("id", WhoamiEndpoint.Value.SUBJECT).build())
            .build().register(ctx));

    @AfterEach
    void stop() {
        server.close();
    }

    String bearer(TokenRequest request) {
        return "Bearer " + tokens.grant(request).accessToken();
    }

    @Test
    void whoamiWithNameThenTheUsernameOfAUserTokenAndNothingElse() {
        String alice = bearer(TokenRequest.password("web", Fixture.SECRET, "alice", "wonderland".toCharArray()).build());

        assertThat(server.get("/api/users", "Authorization", alice).body()).isEqualTo("{\"username\":\"alice\"}");
    }

    @Test
    void whoamiWithNameThenTheClientIdOfAClientsOwnToken() {
        String machine = bearer(TokenRequest.clientCredentials("machine", Fixture.SECRET).build());

        assertThat(server.get("/api/users", "Authorization", machine).body()).isEqualTo("{\"username\":\"machine\"}");
    }

    @Test
    void whoamiLeavesOutAMemberTheTokenHasNoValueFor() {
        String machine = bearer(TokenRequest.clientCredentials("machine", Fixture.SECRET).build());

        assertThat(server.get("/api/me", "Authorization", machine).body()).isEqualTo("{\"id\":\"machine\"}");
    }

    @Test
    void whoamiWithoutATokenThen401AndTheDefaultWhoamiIsUnchanged() {
        assertThat(server.get("/api/users").statusCode()).isEqualTo(401);
        String alice = bearer(TokenRequest.password("web", Fixture.SECRET, "alice", "wonderland".toCharArray()).build());
        assertThat(json(server.get("/api/whoami", "Authorization", alice)).fieldNames()).toIterable()
                .containsExactly("sub", "client_id", "clientId", "username", "roles", "scope", "exp");
    }

    @Test
    void builderWhenANameRepeatsOrNoFieldIsGivenThenRefused() {
        assertThatThrownBy(() -> WhoamiEndpoint.builder().field("a", WhoamiEndpoint.Value.NAME)
                .field("a", WhoamiEndpoint.Value.SUBJECT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WhoamiEndpoint.builder().build()).isInstanceOf(IllegalStateException.class);
    }
}
