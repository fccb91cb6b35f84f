package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static dev.lanyard.auth.examples.RunningDemo.bearer;
import static dev.lanyard.auth.examples.RunningDemo.error;
import static dev.lanyard.auth.examples.RunningDemo.ok;
import static dev.lanyard.auth.examples.RunningDemo.params;
import static org.assertj.core.api.Assertions.assertThat;

/** The simacan profile replays 002_a5444f4608a03182.txt, including its 401 -> refresh -> retry loop. */
class SimacanProfileTest {

    @TempDir
    Path data;
    RunningDemo demo;

    @BeforeEach
    void start() {
        demo = RunningDemo.start(data, "--profile", "simacan");
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    JsonNode password(String username, String password) {
        HttpResponse<String> r = demo.postForm("/api/v1/auth/password", params("username", username, "password", password));
        RunningDemo.assertNoStore(r);
        return ok(r, 200);
    }

    @Test
    void passwordGrantAnswersTheDocumentedShapeWithAVerifiableIdToken() throws Exception {
        JsonNode tokens = password("alice", "wonderland");

        assertThat(tokens.get("token_type").asText()).isEqualTo("bearer");
        assertThat(tokens.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(tokens.get("refresh_token").asText()).isNotEmpty();
        SignedJWT idToken = SignedJWT.parse(tokens.get("id_token").asText());
        JWKSet jwks = JWKSet.parse(ok(demo.get("/oauth2/jwks"), 200).toString());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(idToken.getHeader().getKeyID());
        assertThat(idToken.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(idToken.getJWTClaimsSet().getIssuer()).isEqualTo(demo.server.tokens().issuer());
        assertThat(idToken.getJWTClaimsSet().getSubject()).isNotEmpty();
        assertThat(idToken.getJWTClaimsSet().getAudience()).isNotEmpty();
        assertThat(idToken.getJWTClaimsSet().getIssueTime()).isNotNull();
        assertThat(idToken.getJWTClaimsSet().getExpirationTime()).isNotNull();
    }

    @Test
    void theDocumentedClientLoop401RefreshRetryWorks() {
        JsonNode tokens = password("alice", "wonderland");
        String access = tokens.get("access_token").asText();
        assertThat(ok(demo.get("/api/v1/whoami", "Authorization", bearer(access)), 200).get("username").asText())
                .isEqualTo("alice");

        demo.clock.advance(Duration.ofMinutes(61));
        assertThat(demo.get("/api/v1/whoami", "Authorization", bearer(access)).statusCode()).isEqualTo(401);

        String oldRefresh = tokens.get("refresh_token").asText();
        JsonNode renewed = ok(demo.postForm("/api/v1/auth/refresh", params("refresh_token", oldRefresh)), 200);
        assertThat(renewed.get("refresh_token").asText()).isNotEqualTo(oldRefresh);
        assertThat(demo.get("/api/v1/whoami", "Authorization", bearer(renewed.get("access_token").asText())).statusCode())
                .isEqualTo(200);

        demo.clock.advance(java.time.Duration.ofSeconds(6)); // past the default grace window of 5 s: a replay is reuse
        error(demo.postForm("/api/v1/auth/refresh", params("refresh_token", oldRefresh)), 401, "invalid_grant");
    }

    @Test
    void badCredentialsAndUnknownRefreshTokensAre401MalformedRequests400() {
        error(demo.postForm("/api/v1/auth/password", params("username", "alice", "password", "nope")), 401, "invalid_grant");
        error(demo.postForm("/api/v1/auth/refresh", params("refresh_token", "made-up")), 401, "invalid_grant");
        error(demo.postForm("/api/v1/auth/password", params("username", "alice")), 400, "invalid_request");
        // a JSON body at this form token endpoint: RFC 6749 section 5.2's 400 (issue 10, point 16; was 415)
        error(demo.post("/api/v1/auth/password", "application/json", "{\"username\":\"alice\"}"), 400, "invalid_request");
        error(demo.post("/api/v1/auth/password", "application/x-www-form-urlencoded",
                "username=alice&username=bob&password=x"), 400, "invalid_request");
    }

    @Test
    void anExpiredRefreshTokenIs401() {
        demo.close();
        demo = RunningDemo.start(data, "--profile", "simacan", "--refresh-token-ttl", "120");
        String refresh = password("alice", "wonderland").get("refresh_token").asText();
        demo.clock.advance(Duration.ofMinutes(3));
        error(demo.postForm("/api/v1/auth/refresh", params("refresh_token", refresh)), 401, "invalid_grant");
    }
}
