package dev.lanyard.auth.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEventListener;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.user.UserAuthenticator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The authorization-code flow through the login page, over real HTTP against embedded Jetty. */
class AuthorizationEndpointTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CB = "http://127.0.0.1/cb";
    static final String PATH = "/oauth2/authorize";
    static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final Fixture fixture = new Fixture();
    final TokenService tokens = fixture.service(clock).build();
    final List<AuthEvent> events = new CopyOnWriteArrayList<>();
    TestServer server = start(LoginThrottle.disabled());

    @AfterEach
    void stop() {
        server.close();
    }

    TestServer start(LoginThrottle throttle) {
        AuthEventListener recorder = new AuthEventListener() {
            @Override
            public void onEvent(AuthEvent event) {
                events.add(event);
            }
        };
        UserAuthenticator users = UserAuthenticator.builder().users(fixture.users).hasher(Fixture.HASHER)
                .throttle(throttle).events(AuthEvents.of(recorder)).clock(clock).build();
        return TestServer.start(ctx -> {
            LanyardEndpoints.builder(tokens).authorizePath(PATH).build().register(ctx);
            ctx.addServlet("authorize", new AuthorizationEndpoint(tokens, users, clock)).addMapping(PATH);
        });
    }

    // ---- the whole flow ----

    @Test
    void codeFlowWithPkceFromLoginFormToTokensAndTheCodeWorksOnce() {
        String verifier = verifier();
        LoginForm form = form(authorize(spaRequest("xyz", verifier)));

        HttpResponse<String> login = form.submit("alice", "wonderland");

        assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
        Map<String, String> answer = redirectParameters(login, CB);
        assertThat(answer).containsEntry("state", "xyz").containsEntry("iss", Fixture.ISSUER).containsKey("code")
                .doesNotContainKey("error");
        String exchange = "grant_type=authorization_code&client_id=spa&code=" + enc(answer.get("code"))
                + "&redirect_uri=" + enc(CB) + "&code_verifier=" + verifier;

        HttpResponse<String> first = server.postForm("/oauth2/token", exchange);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode body = json(first);
        assertThat(body.path("access_token").asText()).isNotEmpty();
        assertThat(body.path("refresh_token").asText()).isNotEmpty();
        assertThat(body.path("scope").asText()).isEqualTo("profile");
        assertThat(server.get("/api/whoami", "Authorization", "Bearer " + body.path("access_token").asText()).body())
                .contains("\"sub\":\"" + fixture.alice.id() + "\"");

        HttpResponse<String> second = server.postForm("/oauth2/token", exchange);
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(json(second).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void authorizeWhenResponseModeIsFragmentThenRefusedInTheQueryNeverIgnored() {
        Map<String, String> request = spaRequest("xyz", verifier());
        request.put("response_mode", "fragment");

        HttpResponse<String> r = authorize(request);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).doesNotContain("#");
        assertThat(redirectParameters(r, CB)).containsEntry("error", "invalid_request").containsEntry("state", "xyz")
                .doesNotContainKey("code").hasEntrySatisfying("error_description",
                        d -> assertThat(d).contains("response_mode=query").doesNotContain("fragment"));
    }

    @Test
    void authorizeWhenResponseModeIsQueryThenTheLoginFormAsWithoutOne() {
        Map<String, String> request = spaRequest("xyz", verifier());
        request.put("response_mode", "query");

        HttpResponse<String> r = authorize(request);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(form(r)).isNotNull();
    }

    @Test
    void confidentialClientWithoutPkceCompletesTheFlowWithItsSecret() {
        Map<String, String> request = params("response_type", "code", "client_id", "web", "redirect_uri", CB,
                "scope", "orders:read", "state", "s1");
        HttpResponse<String> login = form(authorize(request)).submit("alice", "wonderland");

        assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
        String code = redirectParameters(login, CB).get("code");
        HttpResponse<String> token = server.postForm("/oauth2/token", "grant_type=authorization_code&code=" + enc(code)
                + "&redirect_uri=" + enc(CB), "Authorization", TestServer.basic("web", Fixture.SECRET));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(json(token).path("scope").asText()).isEqualTo("orders:read");
    }

    @Test
    void stateWithSpecialCharactersRoundTripsExactly() {
        String state = "a b+c&d=e/f?g#h%20i\"j'k<l>m;n,o~p\u00e9\u4e2d\ud83d\ude00";
        HttpResponse<String> login = form(authorize(spaRequest(state, verifier()))).submit("alice", "wonderland");

        assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
        assertThat(redirectParameters(login, CB).get("state")).isEqualTo(state);
    }

    @Test
    void registeredRedirectUriWithAQueryKeepsItAndGetsTheAnswerAppended() {
        String uri = "http://127.0.0.1/cb?tenant=a%20b";
        fixture.clients.create(Client.builder("tenant-spa").publicClient().grants(List.of("authorization_code"))
                .scopes(List.of("profile")).redirectUris(List.of(uri)).build());
        Map<String, String> request = spaRequest("st", verifier());
        request.put("client_id", "tenant-spa");
        request.put("redirect_uri", uri);

        HttpResponse<String> login = form(authorize(request)).submit("alice", "wonderland");

        String location = login.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(uri + "&code=");
        assertThat(redirectParameters(login, "http://127.0.0.1/cb")).containsEntry("tenant", "a b")
                .containsEntry("state", "st");
    }

    @Test
    void cancelSendsAccessDeniedWithTheState() {
        LoginForm form = form(authorize(spaRequest("keep", verifier())));
        Map<String, String> fields = new LinkedHashMap<>(form.hidden());
        fields.put("deny", "1");

        HttpResponse<String> r = server.postForm(PATH, encode(fields), "Cookie", form.cookie());

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(redirectParameters(r, CB)).containsEntry("error", "access_denied").containsEntry("state", "keep")
                .doesNotContainKey("code");
        assertThat(loginEvents()).isEmpty();
    }

    // ---- the page ----

    @Test
    void loginPageIsSelfContainedAccessibleAndLockedDown() {
        HttpResponse<String> r = authorize(spaRequest("xyz", verifier()));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'").contains("frame-ancestors 'none'").doesNotContain("script-src")
                .contains("form-action 'self' http://127.0.0.1;"));
        assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(r.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c)
                .contains("HttpOnly").contains("SameSite=Lax").contains("Path=" + PATH));
        String html = r.body();
        assertThat(html).contains("<html lang=\"en\">")
                .contains("<form method=\"post\" action=\"" + PATH + "\">")
                .contains("<label for=\"username\">").contains("id=\"username\"").contains("autocomplete=\"username\"")
                .contains("<label for=\"password\">").contains("type=\"password\"")
                .contains("autocomplete=\"current-password\"")
                .contains("<code>profile</code>").contains("spa")
                .doesNotContain("<script").doesNotContain("src=").doesNotContain("href=");
    }

    @Test
    void reflectedValuesAreHtmlEscaped() {
        String state = "\"><script>alert(1)</script><x a='";
        HttpResponse<String> r = authorize(spaRequest(state, verifier()));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("<script>").doesNotContain("\"><")
                .contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;x a=&#39;");
        assertThat(form(r).hidden()).containsEntry("state", state);
    }

    @Test
    void wrongPasswordShowsTheFormAgainWithTheUsernameButNeverThePassword() {
        LoginForm form = form(authorize(spaRequest("again", verifier())));

        HttpResponse<String> r = form.submit("alice<b>", "n0t-the-Passw0rd");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Location")).isEmpty();
        assertThat(r.body()).contains("The username or password is not correct.").contains("role=\"alert\"")
                .contains("value=\"alice&lt;b&gt;\"").doesNotContain("n0t-the-Passw0rd").doesNotContain("alice<b>");
        LoginForm retry = form(r);
        assertThat(retry.hidden()).containsEntry("state", "again");

        HttpResponse<String> second = retry.submit("alice", "wonderland");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(302);
        assertThat(redirectParameters(second, CB)).containsKey("code").containsEntry("state", "again");
    }

    @Test
    void lockedOutAccountGets429WithRetryAfter() {
        server.close();
        server = start(LoginThrottle.builder().maxFailures(1).clock(clock).build());
        LoginForm form = form(authorize(spaRequest("x", verifier())));
        HttpResponse<String> wrong = form.submit("alice", "nope");
        assertThat(wrong.statusCode()).isEqualTo(401);

        HttpResponse<String> locked = form(wrong).submit("alice", "wonderland");

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(locked.headers().firstValue("Location")).isEmpty();
        assertThat(locked.body()).contains("Too many attempts");
    }

    // ---- CSRF ----

    @Test
    void postWithoutCsrfTokenIs403AndNoLoginIsAttempted() {
        LoginForm form = form(authorize(spaRequest("x", verifier())));
        Map<String, String> fields = new LinkedHashMap<>(form.hidden());
        fields.remove("csrf_token");

        assertRefused(post(fields, "alice", "wonderland", form.cookie()));
    }

    @Test
    void postWithATamperedCsrfTokenIs403() {
        LoginForm form = form(authorize(spaRequest("x", verifier())));
        Map<String, String> fields = new LinkedHashMap<>(form.hidden());
        String token = fields.get("csrf_token");
        fields.put("csrf_token", token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A"));

        assertRefused(post(fields, "alice", "wonderland", form.cookie()));
    }

    @Test
    void postWithoutTheCsrfCookieIs403() {
        LoginForm form = form(authorize(spaRequest("x", verifier())));

        assertRefused(server.postForm(PATH, encode(withCredentials(form.hidden(), "alice", "wonderland"))));
    }

    @Test
    void csrfTokenOfAnotherBrowserIs403() {
        LoginForm victim = form(authorize(spaRequest("x", verifier())));
        LoginForm attacker = form(authorize(spaRequest("x", verifier())));

        assertRefused(post(attacker.hidden(), "alice", "wonderland", victim.cookie()));
    }

    @Test
    void csrfTokenIsBoundToItsAuthorizationRequest() {
        LoginForm form = form(authorize(spaRequest("x", verifier())));
        Map<String, String> fields = new LinkedHashMap<>(form.hidden());
        fields.put("state", "another");

        assertRefused(post(fields, "alice", "wonderland", form.cookie()));
    }

    @Test
    void expiredFormIs403() {
        LoginForm form = form(authorize(spaRequest("x", verifier())));
        clock.advance(AuthorizationEndpoint.FORM_LIFETIME.plusSeconds(1));

        HttpResponse<String> r = form.submit("alice", "wonderland");

        assertRefused(r);
        assertThat(r.body()).contains("expired");
    }

    @Test
    void crossSitePostIs403EvenWithAValidToken() {
        LoginForm form = form(authorize(spaRequest("x", verifier())));

        assertRefused(post(form.hidden(), "alice", "wonderland", form.cookie(), "Sec-Fetch-Site", "cross-site"));
    }

    @Test
    void theSameBrowserKeepsItsCookieAcrossForms() {
        LoginForm first = form(authorize(spaRequest("one", verifier())));
        LoginForm second = form(authorize(spaRequest("two", verifier()), "Cookie", first.cookie()));

        assertThat(second.cookie()).isEqualTo(first.cookie());
        assertThat(first.submit("alice", "wonderland").statusCode()).isEqualTo(302);
        assertThat(second.submit("alice", "wonderland").statusCode()).isEqualTo(302);
    }

    // ---- errors shown, never redirected ----

    @Test
    void parametersWithInvisibleOrReorderingCharactersGetAPageAndNoRedirect() {
        for (String[] bad : new String[][] {{"client_id", "spa\u200b"}, {"state", "x\u202e"}, {"client_id", "spa\u0085"}}) {
            Map<String, String> request = spaRequest("x", verifier());
            request.put(bad[0], bad[1]);

            HttpResponse<String> r = authorize(request);

            assertPage(r, 400);
            assertThat(r.body()).contains("control or invisible characters");
        }
    }

    @Test
    void unregisteredRedirectUriGetsAPageAndNoRedirect() {
        Map<String, String> request = spaRequest("x", verifier());
        request.put("redirect_uri", "https://evil.example/cb");

        HttpResponse<String> r = authorize(request);

        assertPage(r, 400);
        assertThat(r.body()).contains("redirect_uri is not registered").doesNotContain("evil.example");
    }

    @Test
    void authorizeWithoutRedirectUriFromAClientWithOneRegisteredThenAPageSayingItIsRequired() {
        Map<String, String> request = spaRequest("x", verifier());
        request.remove("redirect_uri");

        HttpResponse<String> r = authorize(request);

        assertPage(r, 400);
        assertThat(r.body()).contains("redirect_uri is required").doesNotContain("not registered");
    }

    @Test
    void unknownClientGetsAPage() {
        Map<String, String> request = spaRequest("x", verifier());
        request.put("client_id", "ghost");

        assertPage(authorize(request), 400);
    }

    @Test
    void missingClientIdGetsAPage() {
        Map<String, String> request = spaRequest("x", verifier());
        request.remove("client_id");

        assertPage(authorize(request), 400);
    }

    @Test
    void duplicateParameterGetsAPage() {
        HttpResponse<String> r = server.get(PATH + "?" + encode(spaRequest("x", verifier())) + "&redirect_uri="
                + enc("https://evil.example/cb"));

        assertPage(r, 400);
        assertThat(r.body()).contains("more than once");
    }

    @Test
    void clientDisabledBetweenFormAndSubmissionIsRefusedOnPost() {
        LoginForm form = form(authorize(spaRequest("x", verifier())));
        Client spa = fixture.clients.findById("spa").orElseThrow();
        fixture.clients.update(spa.toBuilder().enabled(false).build());

        HttpResponse<String> r = form.submit("alice", "wonderland");

        assertPage(r, 400);
        assertThat(loginEvents()).isEmpty();
    }

    // ---- errors redirected to the trusted redirect URI ----

    @Test
    void publicClientWithoutCodeChallengeIsSentBackWithInvalidRequestAndTheState() {
        Map<String, String> request = spaRequest("st&ate", verifier());
        request.remove("code_challenge");
        request.remove("code_challenge_method");

        HttpResponse<String> r = authorize(request);

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(redirectParameters(r, CB)).containsEntry("error", "invalid_request").containsEntry("state", "st&ate")
                .containsEntry("iss", Fixture.ISSUER).containsKey("error_description").doesNotContainKey("code");
    }

    @Test
    void unsupportedResponseTypeIsSentBack() {
        Map<String, String> request = spaRequest("st", verifier());
        request.put("response_type", "token");

        HttpResponse<String> r = authorize(request);

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(redirectParameters(r, CB)).containsEntry("error", "unsupported_response_type").containsEntry("state", "st");
    }

    @Test
    void scopeNotAllowedIsSentBackAsInvalidScope() {
        Map<String, String> request = spaRequest("st", verifier());
        request.put("scope", "admin");

        HttpResponse<String> r = authorize(request);

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(redirectParameters(r, CB)).containsEntry("error", "invalid_scope");
    }

    // ---- HTTP hygiene ----

    @Test
    void loginPostMustBeAForm() {
        HttpResponse<String> r = server.post(PATH, "application/json", "{}");

        assertPage(r, 415);
    }

    @Test
    void loginPostOver64KiBIs413() {
        LoginForm form = form(authorize(spaRequest("x", verifier())));
        Map<String, String> fields = withCredentials(form.hidden(), "alice", "x".repeat(64 * 1024));

        assertPage(server.postForm(PATH, encode(fields), "Cookie", form.cookie()), 413);
        assertThat(loginEvents()).isEmpty();
    }

    // ---- helpers ----

    /** The login form of a page: its hidden fields and the CSRF cookie it set. */
    record LoginForm(TestServer server, Map<String, String> hidden, String cookie) {

        HttpResponse<String> submit(String username, String password) {
            return server.postForm(PATH, encode(withCredentials(hidden, username, password)), "Cookie", cookie);
        }
    }

    LoginForm form(HttpResponse<String> page) {
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        Map<String, String> hidden = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            hidden.put(unescape(m.group(1)), unescape(m.group(2)));
        }
        assertThat(hidden).as(page.body()).containsKey("csrf_token");
        String setCookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        return new LoginForm(server, hidden, setCookie.substring(0, setCookie.indexOf(';')));
    }

    HttpResponse<String> authorize(Map<String, String> request, String... headers) {
        return server.get(PATH + "?" + encode(request), headers);
    }

    HttpResponse<String> post(Map<String, String> hidden, String username, String password, String cookie,
                              String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Cookie";
        all[1] = cookie;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return server.postForm(PATH, encode(withCredentials(hidden, username, password)), all);
    }

    void assertRefused(HttpResponse<String> r) {
        assertPage(r, 403);
        assertThat(r.body()).doesNotContain("code=");
        assertThat(loginEvents()).as("no login may be attempted").isEmpty();
    }

    static void assertPage(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Location")).isEmpty();
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(r.body()).contains("<html lang=\"en\">").doesNotContain("<form").doesNotContain("Exception");
    }

    List<AuthEvent> loginEvents() {
        return events.stream().filter(e -> e instanceof AuthEvent.LoginSucceeded || e instanceof AuthEvent.LoginFailed)
                .toList();
    }

    static Map<String, String> spaRequest(String state, String verifier) {
        return params("response_type", "code", "client_id", "spa", "redirect_uri", CB, "scope", "profile",
                "state", state, "code_challenge", s256(verifier), "code_challenge_method", "S256");
    }

    static Map<String, String> params(String... nameValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            out.put(nameValues[i], nameValues[i + 1]);
        }
        return out;
    }

    static Map<String, String> withCredentials(Map<String, String> hidden, String username, String password) {
        Map<String, String> out = new LinkedHashMap<>(hidden);
        out.put("username", username);
        out.put("password", password);
        return out;
    }

    /** The query parameters of a redirect to {@code expectedBase}, decoded. */
    static Map<String, String> redirectParameters(HttpResponse<String> r, String expectedBase) {
        String location = r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location"));
        URI uri = URI.create(location);
        assertThat(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath()).isEqualTo(expectedBase);
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String previous = out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            assertThat(previous).as("parameter given twice in " + location).isNull();
        }
        return out;
    }

    static String encode(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    static String verifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }
}
