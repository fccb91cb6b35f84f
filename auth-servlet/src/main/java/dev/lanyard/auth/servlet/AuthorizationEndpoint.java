package dev.lanyard.auth.servlet;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.AuthorizationRequest;
import dev.lanyard.auth.AuthorizationRequestException;
import dev.lanyard.auth.InvalidCredentialsException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.guard.LockedOutException;
import dev.lanyard.auth.guard.RateLimitedException;
import dev.lanyard.auth.internal.Identifiers;
import dev.lanyard.auth.servlet.internal.CsrfTokens;
import dev.lanyard.auth.servlet.internal.EndpointServlet;
import dev.lanyard.auth.servlet.internal.HttpException;
import dev.lanyard.auth.servlet.internal.LoginPage;
import dev.lanyard.auth.servlet.internal.Requests;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserAuthenticator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The OAuth 2.0 authorization endpoint for the code flow (RFC 6749 section 4.1, PKCE per RFC 7636,
 * the advice of RFC 9700), with its own login page.
 *
 * <ul>
 *   <li>{@code GET} checks the request with {@link TokenService#checkAuthorizationRequest}. A request
 *       whose client or redirect URI cannot be trusted gets an HTML error page (400) and is never
 *       redirected; any other error goes back to the registered redirect URI as
 *       {@code error}, {@code error_description}, {@code state} and {@code iss} (RFC 6749 4.1.2.1,
 *       RFC 9207). A valid request gets the login form.</li>
 *   <li>{@code POST} (form-encoded, at most 64 KiB) is the form's submission. Its CSRF token is checked
 *       first (403 without a login attempt when it fails), then the authorization request is checked
 *       again from scratch, then the credentials: a wrong password shows the form again (401), a
 *       locked-out account or address gets a 429 page with {@code Retry-After}. Success is a 302 to the
 *       redirect URI with {@code code}, {@code state} and {@code iss}; "Cancel" sends
 *       {@code error=access_denied}.</li>
 * </ul>
 *
 * <p>There is no server session: every authorization asks for the password. CSRF protection is a
 * signed double-submit token ({@code HttpOnly; SameSite=Lax} cookie on the endpoint's path, and an
 * HMAC of it, the request parameters and an expiry in the form) whose key is random per instance: behind
 * several nodes, route the login page stickily. Pages allow no script, no framing and no caching;
 * passwords are never echoed or logged.
 *
 * <pre>{@code
 * UserAuthenticator users = UserAuthenticator.builder()
 *         .users(userStore)                   // the same store the TokenService was given
 *         .hasher(PasswordHasher.defaults())
 *         .throttle(LoginThrottle.defaults())
 *         .build();
 * context.addServlet("authorize", new AuthorizationEndpoint(tokenService, users))
 *        .addMapping("/oauth2/authorize");
 * LanyardEndpoints.builder(tokenService).authorizePath("/oauth2/authorize").build().register(context);
 * }</pre>
 */
public final class AuthorizationEndpoint extends EndpointServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationEndpoint.class);

    /**
     * The response modes answered: the code comes back in the query of the redirect URI (RFC 6749
     * 4.1.2). A request for another mode ({@code fragment}, {@code form_post}) is refused rather than
     * answered in a way the client does not read.
     */
    public static final List<String> RESPONSE_MODES = List.of("query");

    /** How long a login form may be submitted after it was shown. */
    public static final Duration FORM_LIFETIME = Duration.ofMinutes(15);

    private static final int MAX_BODY = 64 * 1024;
    private static final List<String> REQUEST_PARAMETERS = List.of("response_type", "client_id", "redirect_uri",
            "scope", "state", "code_challenge", "code_challenge_method");
    private static final String WRONG_CREDENTIALS = "The username or password is not correct.";

    /** A server error of either kind is the server's: a page with a correlation id, never the description. */
    private static final ErrorStatuses STATUSES = ErrorStatuses.rfc6749()
            .concealed(OAuthError.SERVER_ERROR)
            .concealed(OAuthError.TEMPORARILY_UNAVAILABLE);

    private final transient TokenService tokens;
    private final transient UserAuthenticator users;
    private final transient Clock clock;
    private final transient CsrfTokens csrf;

    /**
     * @param tokens the token service that checks requests and issues codes
     * @param users  checks usernames and passwords; build it over the token service's user store
     */
    public AuthorizationEndpoint(TokenService tokens, UserAuthenticator users) {
        this(tokens, users, Clock.systemUTC());
    }

    /**
     * As {@link #AuthorizationEndpoint(TokenService, UserAuthenticator)}, with the clock for form expiry.
     *
     * @param tokens the token service that checks requests and issues codes
     * @param users  checks usernames and passwords; build it over the token service's user store
     * @param clock  the clock the login form's expiry is read from; a fixed one in tests
     * @throws NullPointerException when an argument is null
     */
    public AuthorizationEndpoint(TokenService tokens, UserAuthenticator users, Clock clock) {
        super(AuthorizationEndpoint::errorPage);
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.users = Objects.requireNonNull(users, "users");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.csrf = new CsrfTokens(FORM_LIFETIME, clock);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        guarded(response, () -> {
            Map<String, String> query = Requests.query(request);
            AuthorizationRequest ar = toAuthorizationRequest(query);
            Optional<Client> client = check(ar, response);
            if (client.isPresent() && responseModeSupported(query, ar, response)) {
                showForm(request, response, 200, ar, client.get(), null, null);
            }
        });
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        guarded(response, () -> {
            if (!Requests.mediaType(request).equals(Requests.FORM)) {
                throw new HttpException(415, OAuthError.INVALID_REQUEST, "the login form is posted as " + Requests.FORM);
            }
            if (request.getQueryString() != null && !request.getQueryString().isEmpty()) {
                throw new HttpException(400, OAuthError.INVALID_REQUEST, "the login form is posted without a query string");
            }
            Map<String, String> form = Requests.form(Requests.body(request, MAX_BODY));
            AuthorizationRequest ar = toAuthorizationRequest(form);
            if (!csrfPasses(request, response, form.get(CsrfTokens.FIELD), ar)) {
                return;
            }
            Optional<Client> client = check(ar, response);
            if (client.isEmpty() || !responseModeSupported(form, ar, response)) {
                return;
            }
            if (form.containsKey("deny")) {
                redirect(response, ar, Map.of("error", "access_denied",
                        "error_description", "the user declined the authorization request"));
                return;
            }
            login(request, response, ar, client.get(), form.get("username"), form.get("password"));
        });
    }

    /** A refused request as an HTML page with the table's status; what the table conceals as {@link #serverError}. */
    private static void errorPage(HttpServletRequest request, HttpServletResponse response, AuthException e)
            throws IOException {
        if (STATUSES.conceals(e)) {
            serverError(response, e);
            return;
        }
        reset(response);
        ErrorStatuses.retryAfterSeconds(e).ifPresent(s -> response.setHeader("Retry-After", String.valueOf(s)));
        LoginPage.write(response, STATUSES.status(e), LoginPage.error("Sign-in request not accepted", e.description()),
                null);
    }

    private void login(HttpServletRequest request, HttpServletResponse response, AuthorizationRequest ar, Client client,
                       String username, String password) throws IOException {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        User user;
        try {
            user = users.authenticate(username, secret, request.getRemoteAddr());
        } catch (LockedOutException e) {
            long seconds = ErrorStatuses.retryAfterSeconds(e).orElse(1);
            response.setHeader("Retry-After", String.valueOf(seconds));
            String why = e instanceof RateLimitedException ? "Too many sign-ins are being checked for this account "
                    + "or address right now." : "Sign-in is paused after too many failed attempts.";
            LoginPage.write(response, 429, LoginPage.error("Too many attempts",
                    why + " Try again in " + seconds + " seconds."), null);
            return;
        } catch (InvalidCredentialsException e) {
            showForm(request, response, 401, ar, client, username, WRONG_CREDENTIALS);
            return;
        } finally {
            Arrays.fill(secret, '\0');
        }
        String code = tokens.issueAuthorizationCode(ar, user, clock.instant());
        redirect(response, ar, Map.of("code", code));
    }

    /** The client, or empty after the error was answered: redirected when the redirect URI is trusted, else a page. */
    private Optional<Client> check(AuthorizationRequest ar, HttpServletResponse response) throws IOException {
        try {
            return Optional.of(tokens.checkAuthorizationRequest(ar));
        } catch (StoreException e) {
            throw e;
        } catch (AuthException e) {
            LOG.debug("authorization request of client '{}' refused: {}", Requests.printable(String.valueOf(ar.clientId())),
                    e.getMessage());
            // the core says whether the client and its redirect URI checked out, so that the error may go there
            if (!(e instanceof AuthorizationRequestException refused) || !refused.redirectable()) {
                LoginPage.write(response, 400, LoginPage.error("Sign-in request not accepted",
                        "The application sent an invalid sign-in request (" + e.description()
                                + "). You cannot be sent back to it; please contact its developers."), null);
                return Optional.empty();
            }
            redirect(response, ar, Map.of("error", redirectErrorCode(e, ar), "error_description", e.description()));
            return Optional.empty();
        }
    }

    /**
     * Whether the request names no response mode or a supported one; otherwise the error goes back to the
     * (checked) redirect URI, in the query, the one mode this endpoint has. The value is never echoed.
     */
    private boolean responseModeSupported(Map<String, String> params, AuthorizationRequest ar,
                                          HttpServletResponse response) {
        String mode = value(params, "response_mode");
        if (mode == null || RESPONSE_MODES.contains(mode)) {
            return true;
        }
        LOG.debug("authorization request of client '{}' refused: unsupported response_mode",
                Requests.printable(String.valueOf(ar.clientId())));
        redirect(response, ar, Map.of("error", OAuthError.INVALID_REQUEST.code(), "error_description",
                "this response_mode is not supported; the server answers only with response_mode=query"));
        return false;
    }

    /** RFC 6749 4.1.2.1 codes: the core reports a bad response_type as unsupported_grant_type. */
    private static String redirectErrorCode(AuthException e, AuthorizationRequest ar) {
        return switch (e.error()) {
            case UNSUPPORTED_GRANT_TYPE -> "code".equals(ar.responseType()) ? "server_error" : "unsupported_response_type";
            case UNAUTHORIZED_CLIENT, INVALID_SCOPE, SERVER_ERROR, TEMPORARILY_UNAVAILABLE -> e.error().code();
            default -> OAuthError.INVALID_REQUEST.code();
        };
    }

    private boolean csrfPasses(HttpServletRequest request, HttpServletResponse response, String token,
                               AuthorizationRequest ar) throws IOException {
        // Fetch metadata, where the browser sends it, refuses a cross-site POST before anything else.
        boolean crossSite = "cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"));
        CsrfTokens.Check result = crossSite ? CsrfTokens.Check.INVALID : csrf.verify(request, token, bound(ar));
        if (result == CsrfTokens.Check.VALID) {
            return true;
        }
        LOG.debug("login form refused: CSRF token {}", result);
        LoginPage.write(response, 403, LoginPage.error("Sign-in form expired or not valid",
                result == CsrfTokens.Check.EXPIRED
                        ? "This sign-in form has expired. Go back to the application and start again."
                        : "This sign-in form could not be verified. Go back to the application and start again; "
                        + "make sure cookies are enabled for this site."), null);
        return false;
    }

    private void showForm(HttpServletRequest request, HttpServletResponse response, int status, AuthorizationRequest ar,
                          Client client, String username, String message) throws IOException {
        String browserValue = csrf.browserValue(request);
        csrf.setCookie(request, response, browserValue);
        Map<String, String> hidden = new LinkedHashMap<>();
        List<String> values = bound(ar);
        for (int i = 0; i < REQUEST_PARAMETERS.size(); i++) {
            if (values.get(i) != null) {
                hidden.put(REQUEST_PARAMETERS.get(i), values.get(i));
            }
        }
        hidden.put(CsrfTokens.FIELD, csrf.issue(browserValue, values));
        String html = LoginPage.form(new LoginPage.Form(request.getContextPath() + request.getServletPath()
                + Optional.ofNullable(request.getPathInfo()).orElse(""), client.name().orElse(client.clientId()),
                client.clientId(), scopes(ar, client), hidden, username, message));
        LoginPage.write(response, status, html, ar.redirectUri());
    }

    private static Set<String> scopes(AuthorizationRequest ar, Client client) {
        if (ar.scope() == null || ar.scope().isBlank()) {
            return client.scopes();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : ar.scope().split(" ")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** Sends the browser back to the (checked) redirect URI with these parameters, state and iss. */
    private void redirect(HttpServletResponse response, AuthorizationRequest ar, Map<String, String> parameters) {
        String uri = ar.redirectUri();
        StringBuilder location = new StringBuilder(uri);
        // RFC 6749 3.1.2: a registered query is kept and the answer is added to it.
        String joiner = uri.indexOf('?') < 0 ? "?" : uri.endsWith("?") || uri.endsWith("&") ? "" : "&";
        Map<String, String> all = new LinkedHashMap<>();
        // Fixed order, readable in logs: the answer first, then state and iss.
        for (String name : List.of("code", "error", "error_description")) {
            if (parameters.containsKey(name)) {
                all.put(name, name.equals("error_description") ? describable(parameters.get(name)) : parameters.get(name));
            }
        }
        if (ar.state() != null) {
            all.put("state", ar.state());
        }
        all.put("iss", tokens.issuer());
        for (Map.Entry<String, String> p : all.entrySet()) {
            location.append(joiner).append(p.getKey()).append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            joiner = "&";
        }
        LoginPage.securityHeaders(response);
        response.setStatus(302);
        response.setHeader("Location", location.toString());
        response.setContentLength(0);
    }

    /** RFC 6749 4.1.2.1: error_description is limited to %x20-21 / %x23-5B / %x5D-7E. */
    private static String describable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().limit(300).forEach(c -> b.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? (char) c : '?'));
        return b.toString();
    }

    /** The request's parameters, RFC 6749 3.1: empty values count as absent. */
    private static AuthorizationRequest toAuthorizationRequest(Map<String, String> p) {
        for (String name : REQUEST_PARAMETERS) {
            String v = p.get(name);
            if (!Identifiers.isClean(v)) {
                throw new HttpException(400, OAuthError.INVALID_REQUEST, "the parameter '" + name
                        + "' holds control or invisible characters");
            }
        }
        return new AuthorizationRequest(value(p, "response_type"), value(p, "client_id"), value(p, "redirect_uri"),
                value(p, "scope"), value(p, "state"), value(p, "code_challenge"), value(p, "code_challenge_method"));
    }

    private static String value(Map<String, String> p, String name) {
        String v = p.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** The values the CSRF token is bound to, in {@link #REQUEST_PARAMETERS} order. */
    private static List<String> bound(AuthorizationRequest ar) {
        return Arrays.asList(ar.responseType(), ar.clientId(), ar.redirectUri(), ar.scope(), ar.state(),
                ar.codeChallenge(), ar.codeChallengeMethod());
    }

    private interface Step {
        void run() throws IOException;
    }

    /** Answers unexpected failures with an HTML page (the base class would answer JSON). */
    private static void guarded(HttpServletResponse response, Step step) throws IOException {
        try {
            step.run();
        } catch (AuthException e) {
            throw e;
        } catch (RuntimeException e) {
            serverError(response, e);
        }
    }

    private static void serverError(HttpServletResponse response, Throwable cause) throws IOException {
        String id = UUID.randomUUID().toString();
        LOG.error("authorization request failed [correlation id {}]", id, cause);
        AuthException known = cause instanceof AuthException e ? e : null;
        if (response.isCommitted()) {
            return;
        }
        reset(response);
        if (known != null) {
            ErrorStatuses.retryAfterSeconds(known).ifPresent(s -> response.setHeader("Retry-After", String.valueOf(s)));
        }
        LoginPage.write(response, known != null ? STATUSES.status(known) : 500, LoginPage.error("Sign-in is unavailable",
                "The server could not complete the request. Try again later; correlation id " + id + "."), null);
    }

    private static void reset(HttpServletResponse response) {
        if (!response.isCommitted()) {
            response.reset();
        }
    }
}
