package dev.lanyard.auth.client;

import dev.lanyard.auth.event.AuthEvent.FailureReason;
import dev.lanyard.auth.password.ClientSecrets;

import java.util.List;
import java.util.Optional;

/**
 * The client-authentication methods Lanyard ships: RFC 6749 section 2.3.1's {@code client_secret_basic}
 * and {@code client_secret_post}, and {@code none} for public clients (RFC 7591 section 2).
 * {@code TokenService} registers the three by default.
 *
 * <pre>{@code
 * ClientAuthenticator auth = ClientAuthenticator.builder().clients(store)
 *         .methods(List.of(ClientAuthenticationMethods.clientSecretBasic()))   // Basic only
 *         .build();
 * }</pre>
 */
public final class ClientAuthenticationMethods {

    private static final String DUMMY_DIGEST = ClientSecrets.digest(ClientSecrets.generate());

    private ClientAuthenticationMethods() {
    }

    /**
     * {@code client_secret_basic}: the id and secret in the {@code Authorization: Basic} header.
     *
     * @return the method
     */
    public static ClientAuthenticationMethod clientSecretBasic() {
        return new Secret("client_secret_basic", ClientCredential.Presentation.AUTHORIZATION_HEADER);
    }

    /**
     * {@code client_secret_post}: {@code client_id} and {@code client_secret} in the body.
     *
     * @return the method
     */
    public static ClientAuthenticationMethod clientSecretPost() {
        return new Secret("client_secret_post", ClientCredential.Presentation.PARAMETERS);
    }

    /**
     * {@code none}: a public client names itself with {@code client_id} alone, and proves nothing (its
     * grants must then prove the caller, as PKCE does).
     *
     * @return the method
     */
    public static ClientAuthenticationMethod none() {
        return new None();
    }

    /**
     * The three built-ins, in the order they are tried.
     *
     * @return {@code client_secret_basic}, {@code client_secret_post}, {@code none}
     */
    public static List<ClientAuthenticationMethod> defaults() {
        return List.of(clientSecretBasic(), clientSecretPost(), none());
    }

    /** A secret, from the header or the body; a public client presenting one fails. */
    private record Secret(String name, ClientCredential.Presentation from) implements ClientAuthenticationMethod {

        @Override
        public boolean appliesTo(ClientCredential credential) {
            return credential.presentation() == from && credential.secret().isPresent();
        }

        @Override
        public Client authenticate(ClientCredential credential, ClientAuthenticationContext context) {
            String secret = credential.secret().orElse("");
            Optional<Client> found = credential.clientId().flatMap(context::client);
            if (found.isEmpty()) {
                ClientSecrets.matchesDigest(secret, DUMMY_DIGEST); // an unknown client costs what a known one does
                throw context.failure(FailureReason.UNKNOWN);
            }
            Client client = found.get();
            if (!client.confidential()) {
                throw context.failure(FailureReason.WRONG_CREDENTIALS);
            }
            if (secret.isEmpty()) {
                throw context.failure(FailureReason.NO_CREDENTIALS);
            }
            if (!context.secretMatches(client, secret)) {
                throw context.failure(client.secrets().isEmpty() ? FailureReason.NO_CREDENTIALS
                        : FailureReason.WRONG_CREDENTIALS);
            }
            return client;
        }
    }

    /** A client id alone: only a public client passes. */
    private record None() implements ClientAuthenticationMethod {

        @Override
        public String name() {
            return "none";
        }

        @Override
        public boolean appliesTo(ClientCredential credential) {
            return credential.presentation() == ClientCredential.Presentation.PARAMETERS
                    && credential.secret().isEmpty();
        }

        @Override
        public Client authenticate(ClientCredential credential, ClientAuthenticationContext context) {
            Client client = credential.clientId().flatMap(context::client)
                    .orElseThrow(() -> context.failure(FailureReason.UNKNOWN));
            if (client.confidential()) {
                throw context.failure(FailureReason.NO_CREDENTIALS);
            }
            return client;
        }

        @Override
        public boolean provesIdentity() {
            return false;
        }
    }
}
