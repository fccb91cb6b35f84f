package dev.lanyard.auth.servlet.internal;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Map;
import java.util.Optional;

/** The client id and secret of a request: HTTP Basic or body parameters, never both. */
public record ClientCredentials(String clientId, String secret) {

    public static ClientCredentials of(HttpServletRequest request, Map<String, String> params) {
        Optional<String[]> basic = Requests.basic(request);
        if (basic.isPresent()) {
            if (params.containsKey("client_secret")) {
                throw new AuthException(OAuthError.INVALID_REQUEST,
                        "use one client authentication method: the Authorization header or client_secret, not both");
            }
            return new ClientCredentials(basic.get()[0], basic.get()[1]);
        }
        return new ClientCredentials(params.get("client_id"), params.get("client_secret"));
    }

    @Override
    public String toString() {
        return "ClientCredentials[" + clientId + "]";
    }
}
