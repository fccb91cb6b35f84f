package dev.lanyard.auth.servlet.internal;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;

/**
 * A response that puts the endpoint's challenge on every 401 that has none (RFC 9110 section 15.5.2: a
 * 401 must carry {@code WWW-Authenticate}), however the 401 came about: a refused client, a status the
 * configuration maps to 401, an error of the container. An endpoint that sets its own challenge keeps it.
 */
final class ChallengeResponse extends HttpServletResponseWrapper {

    private final String challenge;

    private ChallengeResponse(HttpServletResponse response, String challenge) {
        super(response);
        this.challenge = challenge;
    }

    static HttpServletResponse of(HttpServletResponse response, String challenge) {
        return challenge == null || response instanceof ChallengeResponse ? response
                : new ChallengeResponse(response, challenge);
    }

    @Override
    public void setStatus(int sc) {
        challengeIf(sc);
        super.setStatus(sc);
    }

    @Override
    public void sendError(int sc) throws IOException {
        challengeIf(sc);
        super.sendError(sc);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        challengeIf(sc);
        super.sendError(sc, msg);
    }

    private void challengeIf(int status) {
        if (status == SC_UNAUTHORIZED && !containsHeader("WWW-Authenticate")) {
            setHeader("WWW-Authenticate", challenge);
        }
    }
}
