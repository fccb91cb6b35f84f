package dev.lanyard.auth.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.auth.InvalidCredentialsException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.servlet.LoginEndpointConfig.Channel;
import dev.lanyard.auth.servlet.LoginEndpointConfig.Output;
import dev.lanyard.auth.servlet.internal.BasicAuthorization;
import dev.lanyard.auth.servlet.internal.RoutedEndpoint;
import dev.lanyard.auth.servlet.internal.HttpException;
import dev.lanyard.auth.servlet.internal.Requests;
import dev.lanyard.auth.servlet.internal.Responses;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A first-party login: a username and password in, an access token out, for APIs that log users in
 * without the OAuth 2 dance. The login runs the {@code password} grant for the server's own client
 * ({@link TokenService#grantForFirstParty}), so the token kind (JWT or opaque reference token), its
 * lifetime and scopes are the {@link TokenService}'s and that client's; brute-force throttling applies.
 *
 * <pre>{@code
 * LoginEndpointConfig config = LoginEndpointConfig.builder("web-login")
 *         .methods("GET", "POST")
 *         .credentials(Channel.BASIC, Channel.QUERY, Channel.FORM)
 *         .outputSwitch("_json", "true", Output.JSON)
 *         .outputSwitch("_oauth2", "true", Output.OAUTH2)
 *         .build();
 * context.addServlet("login", new LoginEndpoint(tokenService, userStore, config)).addMapping("/api/login");
 * // curl -u alice:wonderland http://localhost:8080/api/login            -> the token, text/plain
 * // curl -u alice:wonderland 'http://localhost:8080/api/login?_json=true' -> {"access_token": ..., "username": ...}
 * }</pre>
 *
 * <p>Answers, each with {@code Cache-Control: no-store}:
 * <ul>
 *   <li>200 in the selected {@link Output}: plain text, JSON with profile values read from the
 *       {@link UserStore} by the token's subject, or an RFC 6749 token response (403 over plain HTTP
 *       from a non-loopback address unless the config allows it);</li>
 *   <li>302 to a {@code redirect_uri} on the config's allow-list, with {@code access_token} added to
 *       its query; a target not on the list is a 400, never a redirect;</li>
 *   <li>401 with a JSON error for missing or wrong credentials, and {@code WWW-Authenticate: Basic} when
 *       Basic is accepted and was used or nothing was sent; 429 with {@code Retry-After} while the
 *       account or address is locked out; 400 for credentials sent two ways at once or in a channel that
 *       is not enabled, 413 and 415 for bodies that are too large or of another type.</li>
 * </ul>
 * No answer or log line holds the password.
 */
public final class LoginEndpoint extends RoutedEndpoint {

    private static final long serialVersionUID = 1L;
    private static final String TOKEN_PARAMETER = "access_token";

    private final transient TokenService tokens;
    private final transient UserStore users;
    private final transient LoginEndpointConfig config;

    /**
     * Serves the configured login.
     *
     * @param tokens the service that checks the login and issues the tokens
     * @param users  where the JSON output's profile values are read, by the token's subject (the user's id)
     * @param config the channels, fields and output of this endpoint
     * @throws NullPointerException when an argument is null
     */
    public LoginEndpoint(TokenService tokens, UserStore users, LoginEndpointConfig config) {
        super(Objects.requireNonNull(config, "config").errors());
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.users = Objects.requireNonNull(users, "users");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    protected int maxBodyBytes() {
        return config.maxBodyBytes();
    }

    @Override
    protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!config.allows(request.getMethod())) {
            response.setHeader("Allow", config.allowHeader());
            throw new HttpException(405, OAuthError.INVALID_REQUEST, "use " + config.allowHeader());
        }
        Body body = body(request);
        Map<String, String> query = Requests.query(request);
        Map<String, String> params = merge(query, body.form());
        Output output = config.output(params);
        String redirect = params.get(config.redirectParameter());
        if (redirect != null) {
            config.redirects().check(redirect, TOKEN_PARAMETER);
        }
        if (output == Output.OAUTH2 && !config.oauth2Permitted(request)) {
            throw new HttpException(403, OAuthError.INVALID_REQUEST, "the OAuth 2 output needs HTTPS");
        }
        Credentials credentials = credentials(request, query, body);
        if (credentials == null) {
            challengeIfBasic(response);
            throw new HttpException(401, OAuthError.INVALID_REQUEST, "credentials are required: " + describeChannels());
        }
        TokenResponse token = login(request, response, credentials);
        if (redirect != null) {
            redirect(response, redirect, token);
        } else {
            answer(response, output, token, credentials.username());
        }
    }

    private void redirect(HttpServletResponse response, String target, TokenResponse token) {
        response.setStatus(302);
        response.setHeader("Location", config.redirects().target(target, TOKEN_PARAMETER, token.accessToken()));
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setContentLength(0);
    }

    private void answer(HttpServletResponse response, Output output, TokenResponse token, String username)
            throws IOException {
        switch (output) {
            case TEXT -> Responses.text(response, 200, token.accessToken());
            case JSON -> {
                Optional<User> user = config.needsUser() ? users.findById(token.subject()) : Optional.empty();
                Responses.json(response, 200, config.json(token, user, username));
            }
            case OAUTH2 -> Responses.json(response, 200, config.oauth2(token));
        }
    }

    private TokenResponse login(HttpServletRequest request, HttpServletResponse response, Credentials credentials) {
        TokenRequest tokenRequest;
        try {
            tokenRequest = TokenRequest.password(null, null, credentials.username(), credentials.password())
                    .remoteAddress(request.getRemoteAddr()).build();
        } finally {
            credentials.clear();
        }
        try {
            return tokens.grantForFirstParty(tokenRequest, config.firstPartyClient());
        } catch (InvalidCredentialsException e) {
            if (credentials.basic()) {
                challengeIfBasic(response);
            }
            throw e;
        }
    }

    /** The parsed POST body: form parameters, or a JSON object, or neither. */
    private record Body(Map<String, String> form, JsonNode json) {
    }

    private Body body(HttpServletRequest request) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            return new Body(Map.of(), null);
        }
        String type = Requests.mediaType(request);
        String text = Requests.body(request, config.maxBodyBytes());
        if (text.isEmpty()) {
            return new Body(Map.of(), null);
        }
        if (type.equals(Requests.FORM) && config.accepts(Channel.FORM)) {
            return new Body(Requests.form(text), null);
        }
        if (type.equals(Requests.MULTIPART) && config.accepts(Channel.FORM)) {
            return new Body(Requests.multipart(request, text), null); // curl --form
        }
        if (type.equals(Requests.JSON) && config.accepts(Channel.JSON)) {
            return new Body(Map.of(), Requests.json(text));
        }
        List<String> accepted = new ArrayList<>();
        if (config.accepts(Channel.FORM)) {
            accepted.add(Requests.FORM);
            accepted.add(Requests.MULTIPART);
        }
        if (config.accepts(Channel.JSON)) {
            accepted.add(Requests.JSON);
        }
        throw new HttpException(415, OAuthError.INVALID_REQUEST, accepted.isEmpty() ? "this endpoint takes no body"
                : "the body must be " + String.join(" or ", accepted));
    }

    private static Map<String, String> merge(Map<String, String> query, Map<String, String> form) {
        Map<String, String> all = new HashMap<>(query);
        form.forEach((name, value) -> {
            if (all.putIfAbsent(name, value) != null) {
                throw new HttpException(400, OAuthError.INVALID_REQUEST, "the parameter '" + Requests.printable(name)
                        + "' is given in both the query string and the body");
            }
        });
        return all;
    }

    /** The one set of credentials the request carries, or null when it carries none. */
    private Credentials credentials(HttpServletRequest request, Map<String, String> query, Body body) {
        if (!config.accepts(Channel.QUERY) && (query.containsKey(config.usernameField())
                || query.containsKey(config.passwordField()))) {
            throw new HttpException(400, OAuthError.INVALID_REQUEST,
                    "credentials are not accepted in the query string; " + describeChannels());
        }
        List<Credentials> found = new ArrayList<>();
        if (config.accepts(Channel.BASIC)) {
            BasicAuthorization.parse(request.getHeader("Authorization"))
                    .ifPresent(b -> found.add(new Credentials(b.username(), b.password(), true)));
        }
        if (config.accepts(Channel.QUERY)) {
            fromFields(query.get(config.usernameField()), query.get(config.passwordField())).ifPresent(found::add);
        }
        fromFields(body.form().get(config.usernameField()), body.form().get(config.passwordField())).ifPresent(found::add);
        if (body.json() != null) {
            fromFields(Requests.text(body.json(), config.usernameField()).orElse(null),
                    Requests.text(body.json(), config.passwordField()).orElse(null)).ifPresent(found::add);
        }
        if (found.size() > 1) {
            found.forEach(Credentials::clear);
            throw new HttpException(400, OAuthError.INVALID_REQUEST, "send the credentials one way only");
        }
        if (found.isEmpty() || found.get(0).username().isEmpty() || found.get(0).password().length == 0) {
            found.forEach(Credentials::clear);
            return null;
        }
        return found.get(0);
    }

    private static Optional<Credentials> fromFields(String username, String password) {
        if (username == null && password == null) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(username == null ? "" : username,
                password == null ? new char[0] : password.toCharArray(), false));
    }

    private void challengeIfBasic(HttpServletResponse response) {
        if (config.accepts(Channel.BASIC)) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + config.realm() + "\", charset=\"UTF-8\"");
        }
    }

    private String describeChannels() {
        List<String> ways = new ArrayList<>();
        for (Channel c : Channel.values()) {
            if (config.accepts(c)) {
                ways.add(switch (c) {
                    case BASIC -> "HTTP Basic";
                    case QUERY -> "query parameters";
                    case FORM -> "a form body";
                    case JSON -> "a JSON body";
                });
            }
        }
        return "send them by " + String.join(", ", ways) + " ('" + config.usernameField() + "', '"
                + config.passwordField() + "')";
    }

    /** A username and password from one channel; {@code basic} when from an Authorization header. */
    private record Credentials(String username, char[] password, boolean basic) {

        void clear() {
            Arrays.fill(password, '\0');
        }

        @Override
        public String toString() {
            return "Credentials[" + username + "]";
        }
    }
}
