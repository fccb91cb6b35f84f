package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.lanyard.auth.examples.RunningDemo.basic;
import static dev.lanyard.auth.examples.RunningDemo.bearer;
import static dev.lanyard.auth.examples.RunningDemo.encode;
import static dev.lanyard.auth.examples.RunningDemo.error;
import static dev.lanyard.auth.examples.RunningDemo.ok;
import static dev.lanyard.auth.examples.RunningDemo.params;
import static org.assertj.core.api.Assertions.assertThat;

/** The standard profile: Lanyard's own OAuth 2.0 server, the flows of the README's walkthrough. */
class StandardProfileTest {

    static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
    static final String CALLBACK = "http://localhost:9999/callback";

    @TempDir
    Path data;
    RunningDemo demo;

    @BeforeEach
    void start() {
        demo = RunningDemo.start(data);
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    JsonNode passwordGrant() {
        HttpResponse<String> r = demo.postForm("/oauth2/token", params("grant_type", "password", "username", "alice",
                "password", "wonderland", "scope", "read"), "Authorization", basic("web", "web-secret-123"));
        RunningDemo.assertNoStore(r);
        assertThat(r.headers().firstValue("Pragma")).hasValue("no-cache");
        return ok(r, 200);
    }

    @Test
    void clientCredentialsThenAProtectedCall() {
        JsonNode token = ok(demo.postForm("/oauth2/token", params("grant_type", "client_credentials"),
                "Authorization", basic("my-app-client", "secret-password")), 200);
        assertThat(token.get("token_type").asText()).isEqualTo("Bearer");

        JsonNode me = ok(demo.get("/api/whoami", "Authorization", bearer(token.get("access_token").asText())), 200);
        assertThat(me.get("sub").asText()).isEqualTo("my-app-client");

        error(demo.postForm("/oauth2/token", params("grant_type", "client_credentials"),
                "Authorization", basic("my-app-client", "wrong")), 401, "invalid_client");
        error(demo.postForm("/oauth2/token", params("grant_type", "implicit", "client_id", "my-app-client",
                "client_secret", "secret-password")), 400, "unsupported_grant_type");
    }

    @Test
    void aRetryOfARefreshWithinFiveSecondsGetsTheSamePairInEveryProfile() {
        String old = passwordGrant().get("refresh_token").asText();
        JsonNode answered = ok(demo.postForm("/oauth2/token", params("grant_type", "refresh_token",
                "refresh_token", old), "Authorization", basic("web", "web-secret-123")), 200);
        demo.clock.advance(java.time.Duration.ofSeconds(4)); // the answer was lost; the client retries

        JsonNode retried = ok(demo.postForm("/oauth2/token", params("grant_type", "refresh_token",
                "refresh_token", old), "Authorization", basic("web", "web-secret-123")), 200);

        assertThat(retried.get("refresh_token").asText()).isEqualTo(answered.get("refresh_token").asText());
        assertThat(retried.get("access_token").asText()).isEqualTo(answered.get("access_token").asText());
        ok(demo.postForm("/oauth2/token", params("grant_type", "refresh_token",
                "refresh_token", retried.get("refresh_token").asText()), "Authorization", basic("web", "web-secret-123")), 200);
    }

    @Test
    void refreshRotatesRevokeEndsTheFamilyAndTheAccessToken() {
        JsonNode first = passwordGrant();
        String oldRefresh = first.get("refresh_token").asText();
        JsonNode second = ok(demo.postForm("/oauth2/token", params("grant_type", "refresh_token",
                "refresh_token", oldRefresh), "Authorization", basic("web", "web-secret-123")), 200);
        demo.clock.advance(java.time.Duration.ofSeconds(6)); // past the default grace window of 5 s: a replay is reuse
        error(demo.postForm("/oauth2/token", params("grant_type", "refresh_token", "refresh_token", oldRefresh),
                "Authorization", basic("web", "web-secret-123")), 400, "invalid_grant");

        // the replay above revoked the family: log in again, then revoke the refresh token (RFC 7009)
        JsonNode third = passwordGrant();
        assertThat(demo.postForm("/oauth2/revoke", params("token", third.get("refresh_token").asText()),
                "Authorization", basic("web", "web-secret-123")).statusCode()).isEqualTo(200);
        error(demo.postForm("/oauth2/token", params("grant_type", "refresh_token",
                "refresh_token", third.get("refresh_token").asText()), "Authorization", basic("web", "web-secret-123")),
                400, "invalid_grant");
        assertThat(demo.get("/api/whoami", "Authorization", bearer(third.get("access_token").asText())).statusCode())
                .as("the family's access tokens die with it").isEqualTo(401);

        // revoking an access token alone
        String access = passwordGrant().get("access_token").asText();
        assertThat(demo.get("/api/whoami", "Authorization", bearer(access)).statusCode()).isEqualTo(200);
        assertThat(demo.postForm("/oauth2/revoke", params("token", access, "token_type_hint", "access_token"),
                "Authorization", basic("web", "web-secret-123")).statusCode()).isEqualTo(200);
        assertThat(demo.get("/api/whoami", "Authorization", bearer(access)).statusCode()).isEqualTo(401);
        assertThat(second.get("access_token").asText()).isNotEqualTo(access);
    }

    @Test
    void introspectionTellsActiveFromInactive() {
        String access = passwordGrant().get("access_token").asText();
        JsonNode active = ok(demo.postForm("/oauth2/introspect", params("token", access),
                "Authorization", basic("my-app-client", "secret-password")), 200);
        assertThat(active.get("active").asBoolean()).isTrue();
        assertThat(active.get("username").asText()).isEqualTo("alice");

        JsonNode inactive = ok(demo.postForm("/oauth2/introspect", params("token", "nonsense"),
                "Authorization", basic("my-app-client", "secret-password")), 200);
        assertThat(inactive.get("active").asBoolean()).isFalse();
        String machine = ok(demo.postForm("/oauth2/token", params("grant_type", "client_credentials"),
                "Authorization", basic("my-app-client", "secret-password")), 200).get("access_token").asText();
        JsonNode notYours = ok(demo.postForm("/oauth2/introspect", params("token", machine),
                "Authorization", basic("web", "web-secret-123")), 200);
        assertThat(notYours.get("active").asBoolean()).as("my-app-client's token, asked by web").isFalse();
        assertThat(notYours.size()).isEqualTo(1);
        error(demo.postForm("/oauth2/introspect", params("token", access)), 401, "invalid_client");
    }

    @Test
    void metadataAndJwksDescribeTheServer() {
        JsonNode metadata = ok(demo.get("/.well-known/oauth-authorization-server"), 200);
        String issuer = metadata.get("issuer").asText();
        assertThat(issuer).isEqualTo("http://localhost:" + demo.server.uri().getPort());
        assertThat(metadata.get("token_endpoint").asText()).isEqualTo(issuer + "/oauth2/token");
        assertThat(metadata.get("authorization_endpoint").asText()).isEqualTo(issuer + "/oauth2/authorize");
        assertThat(metadata.get("response_modes_supported").toString()).isEqualTo("[\"query\"]");
        assertThat(metadata.get("scopes_supported").toString()).as("the demo clients' scopes")
                .contains("\"read\"", "\"platform\"").doesNotContain("lanyard:introspect");
        assertThat(metadata.get("revocation_endpoint_auth_methods_supported").toString()).contains("\"none\"");

        JsonNode jwks = ok(demo.get("/oauth2/jwks"), 200);
        assertThat(jwks.get("keys").size()).isGreaterThanOrEqualTo(1);
        assertThat(jwks.toString()).doesNotContain("\"d\"").doesNotContain("\"p\"");
    }

    @Test
    void expiredAccessTokenIs401WithInvalidToken() {
        String access = passwordGrant().get("access_token").asText();
        demo.clock.advance(Duration.ofMinutes(16));
        HttpResponse<String> r = demo.get("/api/whoami", "Authorization", bearer(access));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    }

    @Test
    void authorizationCodeFlowWithPkceEndToEndAndACodeIsSingleUse() throws Exception {
        String verifier = verifier();
        HttpResponse<String> page = demo.get("/oauth2/authorize?" + encode(params("response_type", "code",
                "client_id", "spa", "redirect_uri", CALLBACK, "scope", "read", "state", "xyz",
                "code_challenge", s256(verifier), "code_challenge_method", "S256")));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Map<String, String> form = hiddenFields(page.body());
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];

        // without the CSRF cookie the post is refused and no code is issued
        Map<String, String> login = new LinkedHashMap<>(form);
        login.put("username", "alice");
        login.put("password", "wonderland");
        HttpResponse<String> forged = demo.postForm("/oauth2/authorize", login);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Location")).isEmpty();

        HttpResponse<String> redirect = demo.postForm("/oauth2/authorize", login, "Cookie", cookie);
        assertThat(redirect.statusCode()).isIn(302, 303);
        Map<String, String> callback = query(URI.create(redirect.headers().firstValue("Location").orElseThrow()));
        assertThat(callback.get("state")).isEqualTo("xyz");
        String code = callback.get("code");

        Map<String, String> exchange = params("grant_type", "authorization_code", "code", code,
                "redirect_uri", CALLBACK, "client_id", "spa", "code_verifier", verifier);
        JsonNode tokens = ok(demo.postForm("/oauth2/token", exchange), 200);
        String access = tokens.get("access_token").asText();
        assertThat(ok(demo.get("/api/whoami", "Authorization", bearer(access)), 200).get("username").asText())
                .isEqualTo("alice");

        error(demo.postForm("/oauth2/token", exchange), 400, "invalid_grant");
        assertThat(demo.get("/api/whoami", "Authorization", bearer(access)).statusCode())
                .as("a replayed code revokes what it issued").isEqualTo(401);
    }

    @Test
    void anUnregisteredRedirectUriIsShownOnThePageNeverRedirected() {
        HttpResponse<String> r = demo.get("/oauth2/authorize?" + encode(params("response_type", "code",
                "client_id", "spa", "redirect_uri", "https://evil.example/cb", "state", "s",
                "code_challenge", s256(verifier()), "code_challenge_method", "S256")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Location")).isEmpty();
        assertThat(r.body()).contains("redirect_uri");
    }

    static Map<String, String> hiddenFields(String html) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            out.put(unescape(m.group(1)), unescape(m.group(2)));
        }
        assertThat(out).as(html).containsKey("csrf_token");
        return out;
    }

    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    static String verifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
