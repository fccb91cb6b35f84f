package dev.lanyard.auth.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.auth.client.ClientStore;
import dev.lanyard.auth.client.InMemoryClientStore;
import dev.lanyard.auth.refresh.InMemoryRefreshTokenStore;
import dev.lanyard.auth.refresh.RefreshTokenStore;
import dev.lanyard.auth.spring.sample.SampleApp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sample app over real HTTP, its stores in memory (no DataSource). */
@SpringBootTest(classes = SampleApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lanyard.issuer=http://localhost",
        "lanyard.audience=https://api.example",
        "lanyard.clients-file=classpath:clients.yaml",
        BootClasses.EXCLUDE_DATA_SOURCE})
class SampleAppTest {

    @LocalServerPort
    int port;

    @Autowired
    ClientStore clients;

    @Autowired
    RefreshTokenStore refreshTokens;

    @Test
    void tokenFromAutoConfiguredEndpointThenProtectedEndpointAnswers200() throws Exception {
        String token = Http.accessToken(port, "reports", "reports-secret-123", "orders:read");

        HttpResponse<String> r = Http.get(port, "/orders", token);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"subject\":\"reports\"");
    }

    @Test
    void tokenEndpointRefusesWrongSecretWithInvalidClient() throws Exception {
        HttpResponse<String> r = Http.token(port, "reports", "wrong-secret", null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("invalid_client");
    }

    @Test
    void withoutTokenThen401WithBearerChallenge() throws Exception {
        HttpResponse<String> r = Http.get(port, "/orders", null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
    }

    @Test
    void tamperedTokenThen401InvalidToken() throws Exception {
        String token = Http.accessToken(port, "reports", "reports-secret-123", "orders:read");
        String[] parts = token.split("\\.");
        char last = parts[2].charAt(parts[2].length() - 2);
        String tampered = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);

        HttpResponse<String> r = Http.get(port, "/orders", tampered);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer").contains("error=\"invalid_token\""));
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).doesNotContain(tampered);
    }

    @Test
    void garbageTokenThen401NotA500() throws Exception {
        HttpResponse<String> r = Http.get(port, "/orders", "not-a-token");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).contains("error=\"invalid_token\""));
    }

    @Test
    void tokenLackingTheScopeThen403InsufficientScope() throws Exception {
        String token = Http.accessToken(port, "other", "other-secret-456", "profile");

        HttpResponse<String> orders = Http.get(port, "/orders", token);
        HttpResponse<String> profile = Http.get(port, "/profile", token);

        assertThat(orders.statusCode()).isEqualTo(403);
        assertThat(orders.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).contains("error=\"insufficient_scope\""));
        assertThat(profile.statusCode()).isEqualTo(200);
    }

    @Test
    void whoamiAnswersBehindLanyardsOwnFilter() throws Exception {
        String token = Http.accessToken(port, "other", "other-secret-456", "profile");

        assertThat(Http.get(port, "/api/whoami", token).statusCode()).isEqualTo(200);
        assertThat(Http.get(port, "/api/whoami", null).statusCode()).isEqualTo(401);
    }

    @Test
    void jwksAndMetadataAreServedWithoutToken() throws Exception {
        HttpResponse<String> jwks = Http.get(port, "/oauth2/jwks", null);
        HttpResponse<String> metadata = Http.get(port, "/.well-known/oauth-authorization-server", null);

        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.body()).contains("\"keys\"").doesNotContain("\"d\"");
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains("\"issuer\":\"http://localhost\"");
    }

    @Test
    void withoutDataSourceTheStoresAreInMemory() {
        assertThat(clients).isInstanceOf(InMemoryClientStore.class);
        assertThat(refreshTokens).isInstanceOf(InMemoryRefreshTokenStore.class);
    }
}
