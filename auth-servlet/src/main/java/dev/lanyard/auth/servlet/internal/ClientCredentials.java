package dev.lanyard.auth.servlet.internal;

import dev.lanyard.auth.InvalidRequestException;
import dev.lanyard.auth.client.ClientCredential;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@link ClientCredential} of a request: HTTP Basic, {@code client_secret} in the body, a
 * client assertion ({@code client_assertion_type} + {@code client_assertion}), or a {@code client_id}
 * alone; never two of them.
 */
public final class ClientCredentials {

    private static final String ONE_METHOD =
            "use one client authentication method: the Authorization header or client_secret, not both";

    private ClientCredentials() {
    }

    /**
     * The credential the request carries.
     *
     * @param sameIdRequired whether a body {@code client_id} beside HTTP Basic must name the same client
     * @return the credential; empty when the request names no client at all
     */
    public static Optional<ClientCredential> read(HttpServletRequest request, Map<String, String> params,
                                                  boolean sameIdRequired) {
        Optional<String[]> basic = Requests.basic(request);
        String clientId = params.get("client_id");
        String secret = params.get("client_secret");
        String assertionType = params.get("client_assertion_type");
        String assertion = params.get("client_assertion");
        boolean asserted = assertionType != null || assertion != null;
        if (basic.isPresent()) {
            if (secret != null || asserted) {
                throw new InvalidRequestException(ONE_METHOD);
            }
            if (sameIdRequired && clientId != null && !clientId.equals(basic.get()[0])) {
                throw new InvalidRequestException("client_id differs from the Authorization header");
            }
            return Optional.of(ClientCredential.basic(basic.get()[0], basic.get()[1]));
        }
        if (asserted) {
            if (secret != null) {
                throw new InvalidRequestException("use one client authentication method: client_assertion or "
                        + "client_secret, not both");
            }
            if (assertionType == null || assertion == null) {
                throw new InvalidRequestException("client_assertion_type and client_assertion go together");
            }
            return Optional.of(ClientCredential.assertion(clientId, assertionType, assertion));
        }
        if (secret != null) {
            return Optional.of(ClientCredential.post(clientId, secret));
        }
        return clientId == null ? Optional.empty() : Optional.of(ClientCredential.none(clientId));
    }
}
