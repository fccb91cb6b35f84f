package dev.lanyard.auth.servlet.internal;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.servlet.BearerCredentialsSpec;
import dev.lanyard.auth.token.InvalidTokenException;
import dev.lanyard.auth.token.TokenVerifier;
import dev.lanyard.auth.token.VerifiedToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reading, verifying and refusing a bearer token as RFC 6750 says, the one copy behind the Bearer filter,
 * the admin and the logout endpoints. Each step answers the refusal itself and returns empty:
 * a malformed header is a 400 {@code invalid_request}, no token a 401 without an error code, a token
 * that fails verification a 401 {@code invalid_token}, a missing scope a 403 {@code insufficient_scope}.
 * Any other failure of the verification is thrown, for the caller's error writer.
 */
public final class BearerAuthentication {

    /** What a token is checked with: a verifier, or an action that verifies first (a logout). */
    @FunctionalInterface
    public interface Verification<T> {
        /**
         * Verifies the token.
         *
         * @throws InvalidTokenException when the token is refused
         */
        T apply(String token);
    }

    private final BearerCredentialsSpec spec;

    public BearerAuthentication(BearerCredentialsSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    public BearerCredentialsSpec spec() {
        return spec;
    }

    /** The token of the configured header, or empty when there is none (nothing is answered). */
    public Optional<String> token(HttpServletRequest request) {
        return spec.token(request.getHeader(spec.header()));
    }

    /** The token, or empty after a 400 (malformed header) or 401 (no token) was answered. */
    public Optional<String> require(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> token;
        try {
            token = token(request);
        } catch (AuthException e) {
            malformed(request, response, e);
            return Optional.empty();
        }
        if (token.isEmpty()) {
            missing(request, response);
        }
        return token;
    }

    /** What the verification returned, or empty after a 401 {@code invalid_token} was answered. */
    public <T> Optional<T> check(HttpServletRequest request, HttpServletResponse response, String token,
                                  Verification<T> verification) throws IOException {
        try {
            return Optional.of(verification.apply(token));
        } catch (InvalidTokenException e) {
            invalid(request, response, e);
            return Optional.empty();
        }
    }

    /** {@link #check} with a verifier (no allocation on the filter's path). */
    public Optional<VerifiedToken> verify(HttpServletRequest request, HttpServletResponse response, String token,
                                          TokenVerifier verifier) throws IOException {
        try {
            return Optional.of(verifier.verify(token));
        } catch (InvalidTokenException e) {
            invalid(request, response, e);
            return Optional.empty();
        }
    }

    /** A 401 {@code invalid_token}, with the verifier's reason (which never holds the token). */
    private void invalid(HttpServletRequest request, HttpServletResponse response, InvalidTokenException e)
            throws IOException {
        send(request, response, 401, OAuthError.INVALID_TOKEN.code(), e.getMessage(), null);
    }

    /** {@link #require} then {@link #check}. */
    public <T> Optional<T> authenticate(HttpServletRequest request, HttpServletResponse response,
                                        Verification<T> verification) throws IOException {
        Optional<String> token = require(request, response);
        return token.isEmpty() ? Optional.empty() : check(request, response, token.get(), verification);
    }

    /** A 400 {@code invalid_request}: the credentials could not be read. */
    public void malformed(HttpServletRequest request, HttpServletResponse response, AuthException e) throws IOException {
        send(request, response, 400, e.error().code(), e.description(), null);
    }

    /** A 401 without an error code: no token at all (RFC 6750 section 3.1). */
    public void missing(HttpServletRequest request, HttpServletResponse response) throws IOException {
        send(request, response, 401, null, null, null);
    }

    /** A 403 {@code insufficient_scope}, naming the scope needed when there is one. */
    public void insufficientScope(HttpServletRequest request, HttpServletResponse response, String description,
                                  String scope) throws IOException {
        send(request, response, 403, OAuthError.INSUFFICIENT_SCOPE.code(), description, scope);
    }

    /**
     * {@code WWW-Authenticate: Bearer realm=".."[, error=".."][, ..]} and a JSON body with the same error,
     * after what is left of a small request body is read: the refusal comes before the endpoint reads the
     * body, and a container that finds unread content may drop the keep-alive connection.
     */
    private void send(HttpServletRequest request, HttpServletResponse response, int status, String error,
                      String description, String scope) throws IOException {
        Requests.discardUnread(request, response);
        StringBuilder header = new StringBuilder("Bearer realm=\"").append(spec.realm()).append('"');
        Map<String, Object> body = new LinkedHashMap<>();
        if (error != null) {
            header.append(", error=\"").append(error).append('"');
            body.put("error", error);
        }
        if (description != null) {
            String safe = description.replaceAll("[^\\x20-\\x7e]", "?").replace('"', '\'').replace('\\', '/');
            header.append(", error_description=\"").append(safe).append('"');
            body.put("error_description", safe);
        }
        if (scope != null) {
            header.append(", scope=\"").append(scope).append('"');
        }
        response.setHeader("WWW-Authenticate", header.toString());
        if (body.isEmpty()) {
            body.put("error", "unauthorized");
            body.put("error_description", "this resource needs a bearer token");
        }
        Responses.json(response, status, body);
    }
}
