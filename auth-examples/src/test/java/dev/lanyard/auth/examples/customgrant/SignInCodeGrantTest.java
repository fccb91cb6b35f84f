package dev.lanyard.auth.examples.customgrant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientSecret;
import dev.lanyard.auth.client.InMemoryClientStore;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.password.ClientSecrets;
import dev.lanyard.auth.refresh.InMemoryRefreshTokenStore;
import dev.lanyard.auth.servlet.LanyardEndpoints;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.user.InMemoryUserStore;
import dev.lanyard.auth.user.User;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The custom grant of the example, over HTTP at the library's token endpoint on Jetty. */
class SignInCodeGrantTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TYPE = URLEncoder.encode(SignInCodeGrant.GRANT_TYPE, StandardCharsets.UTF_8);

    final MutableClock clock = MutableClock.at("2026-12-02T10:00:00Z");
    final InMemoryClientStore clients = new InMemoryClientStore();
    final InMemoryUserStore users = new InMemoryUserStore();
    final String secret = ClientSecrets.generate();
    final SignInCodes codes = new SignInCodes(clock);
    final User alice = User.builder("alice").scopes(Set.of("profile")).build();
    final TokenService tokens;
    final Server server = new Server();
    final ServerConnector connector = new ServerConnector(server);
    final HttpClient http = HttpClient.newHttpClient();

    SignInCodeGrantTest() throws Exception {
        users.create(alice);
        clients.create(client("mail-app", Set.of(SignInCodeGrant.GRANT_TYPE, "refresh_token")));
        clients.create(client("machine", Set.of("client_credentials")));
        tokens = TokenService.builder().issuer("http://127.0.0.1").keys(KeyManager.builder().build()).clients(clients)
                .users(users).clock(clock).throttle(LoginThrottle.disabled()).refreshTokens(new InMemoryRefreshTokenStore())
                .grant(new SignInCodeGrant(codes))
                .build();
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        LanyardEndpoints.builder(tokens).build().register(context.getServletContext());
        server.setHandler(context);
        server.start();
    }

    Client client(String id, Set<String> grants) {
        return Client.builder(id).grants(grants).scopes(Set.of("profile", "orders"))
                .secrets(List.of(new ClientSecret("s1", ClientSecrets.digest(secret), clock.instant()))).build();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    HttpResponse<String> token(String clientId, String clientSecret, String form) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void theMetadataListsTheGrantBesideTheBuiltIns() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/.well-known/oauth-authorization-server")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(json(r).path("grant_types_supported").toString()).isEqualTo("[\"client_credentials\",\"password\","
                + "\"refresh_token\",\"authorization_code\",\"" + SignInCodeGrant.GRANT_TYPE + "\"]");
    }

    @Test
    void aSignInCodeBuysTokensAboutItsUserOnceAndTheyRefresh() throws Exception {
        String code = codes.issue(alice.id());

        HttpResponse<String> r = token("mail-app", secret, "grant_type=" + TYPE + "&code=" + code);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode body = json(r);
        assertThat(tokens.verify(body.path("access_token").asText()).subject()).isEqualTo(alice.id());
        assertThat(body.path("scope").asText()).isEqualTo("profile");
        HttpResponse<String> refreshed = token("mail-app", secret, "grant_type=refresh_token&refresh_token="
                + body.path("refresh_token").asText());
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        HttpResponse<String> again = token("mail-app", secret, "grant_type=" + TYPE + "&code=" + code);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void anExpiredCodeIsInvalidGrant() throws Exception {
        String code = codes.issue(alice.id());
        clock.advance(SignInCodes.LIFETIME.plus(Duration.ofSeconds(1)));

        HttpResponse<String> r = token("mail-app", secret, "grant_type=" + TYPE + "&code=" + code);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void theLibraryChecksTheClientBeforeTheGrantRuns() throws Exception {
        String code = codes.issue(alice.id());

        HttpResponse<String> wrongSecret = token("mail-app", "nope", "grant_type=" + TYPE + "&code=" + code);
        HttpResponse<String> notListed = token("machine", secret, "grant_type=" + TYPE + "&code=" + code);
        HttpResponse<String> noCode = token("mail-app", secret, "grant_type=" + TYPE);

        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(json(wrongSecret).path("error").asText()).isEqualTo("invalid_client");
        assertThat(notListed.statusCode()).isEqualTo(400);
        assertThat(json(notListed).path("error").asText()).isEqualTo("unauthorized_client");
        assertThat(noCode.statusCode()).isEqualTo(400);
        assertThat(json(noCode).path("error").asText()).isEqualTo("invalid_request");
        assertThat(token("mail-app", secret, "grant_type=" + TYPE + "&code=" + code).statusCode())
                .as("the refused requests left the code unspent").isEqualTo(200);
    }
}
