package dev.lanyard.auth.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 6750 section 3 answer: {@code WWW-Authenticate: Bearer realm=".."[, error=".."][, ..]} and a
 * JSON body with the same error, for endpoints that check the bearer token themselves.
 */
public final class BearerChallenge {

    private BearerChallenge() {
    }

    /**
     * The challenge, after what is left of a small request body is read: it answers before the endpoint
     * reads the body, and a container that finds unread content may drop the keep-alive connection.
     *
     * @param error       {@code invalid_request}, {@code invalid_token} or {@code insufficient_scope}, or null
     * @param description why, never holding the token
     * @param scope       the scope needed, for {@code insufficient_scope}
     */
    public static void send(HttpServletRequest request, HttpServletResponse response, String realm, int status,
                            String error, String description, String scope) throws IOException {
        Requests.discardUnread(request, response);
        StringBuilder header = new StringBuilder("Bearer realm=\"").append(realm).append('"');
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
