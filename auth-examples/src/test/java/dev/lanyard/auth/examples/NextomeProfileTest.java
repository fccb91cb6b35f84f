package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.lanyard.auth.examples.RunningDemo.bearer;
import static dev.lanyard.auth.examples.RunningDemo.error;
import static dev.lanyard.auth.examples.RunningDemo.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** The nextome profile replays 001_989b490ecd06669d.txt. */
class NextomeProfileTest {

    @TempDir
    Path data;
    RunningDemo demo;

    @BeforeEach
    void start() {
        demo = RunningDemo.start(data, "--profile", "nextome");
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    @Test
    void appAuthAnswersAnHourLongCamelCaseTokenThatOpensWhoami() {
        HttpResponse<String> r = demo.postJson("/apps/auth", Map.of("clientId", "my-app-client",
                "clientSecret", "secret-password"));
        JsonNode token = ok(r, 200);
        RunningDemo.assertNoStore(r);

        assertThat(token.get("expiresIn").asInt()).isEqualTo(3600);
        assertThat(token.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(token.has("access_token")).isFalse();
        String access = token.get("accessToken").asText();
        JsonNode me = ok(demo.get("/apps/whoami", "Authorization", bearer(access)), 200);
        assertThat(me.get("sub").asText()).isEqualTo("my-app-client");

        demo.clock.advance(Duration.ofMinutes(61));
        assertThat(demo.get("/apps/whoami", "Authorization", bearer(access)).statusCode()).isEqualTo(401);
    }

    @Test
    void wrongSecretIs401AndBadBodiesAre400() {
        error(demo.postJson("/apps/auth", Map.of("clientId", "my-app-client", "clientSecret", "wrong")), 401,
                "invalid_client");
        error(demo.postJson("/apps/auth", Map.of("clientId", "nobody", "clientSecret", "wrong")), 401, "invalid_client");
        error(demo.post("/apps/auth", "application/json", "{not json"), 400, "invalid_request");
        error(demo.post("/apps/auth", "application/json", "{\"clientId\":\"a\",\"clientId\":\"b\"}"), 400, "invalid_request");
    }

    @Test
    void whoamiWithoutOrWithAForgedTokenIs401() {
        HttpResponse<String> none = demo.get("/apps/whoami");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"lanyard\"");
        assertThat(demo.get("/apps/whoami", "Authorization", bearer("eyJhbGciOiJub25lIn0.e30.")).statusCode())
                .isEqualTo(401);
    }
}
