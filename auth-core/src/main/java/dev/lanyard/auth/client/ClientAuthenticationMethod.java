package dev.lanyard.auth.client;

/**
 * One way a client proves who it is at the token, revocation and introspection endpoints, named as
 * RFC 7591 names {@code token_endpoint_auth_method}s. Lanyard ships {@code client_secret_basic},
 * {@code client_secret_post} and {@code none} ({@link ClientAuthenticationMethods}); others, such as
 * {@code private_key_jwt}, plug in through {@code TokenService.builder().clientAuthentication(..)}.
 *
 * <p>For each request the first registered method that {@linkplain #appliesTo applies} to the presented
 * credential authenticates it. The authenticator around it reserves the attempt under the throttle
 * before, and after it refuses a client that is disabled or whose
 * {@linkplain Client#acceptsAuthMethod registered method} is another one, and reports the outcome as an
 * event. A method only has to check the credential:
 *
 * <pre>{@code
 * // a client proves itself with a one-time code from a custom parameter of its own (a sketch)
 * final class OneTimeCode implements ClientAuthenticationMethod {
 *     public String name() { return "example_otp"; }
 *     public boolean appliesTo(ClientCredential c) {
 *         return c.presentation() == ClientCredential.Presentation.ASSERTION
 *                 && c.assertionType().orElse("").equals("urn:example:otp");
 *     }
 *     public Client authenticate(ClientCredential c, ClientAuthenticationContext context) {
 *         Client client = c.clientId().flatMap(context::client)
 *                 .orElseThrow(() -> context.failure(AuthEvent.FailureReason.UNKNOWN));
 *         if (!codes.check(client.clientId(), c.assertion().orElseThrow())) {
 *             throw context.failure(AuthEvent.FailureReason.WRONG_CREDENTIALS);
 *         }
 *         return client;
 *     }
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe. Every failure is {@link ClientAuthenticationContext#failure}:
 * the caller learns only {@code invalid_client}, the listeners learn why.
 */
public interface ClientAuthenticationMethod {

    /**
     * The RFC 7591 name, published in the metadata's {@code token_endpoint_auth_methods_supported} and
     * matched against {@link Client#tokenEndpointAuthMethod()}.
     *
     * @return the name, such as {@code client_secret_basic}
     */
    String name();

    /**
     * Whether the presented credential is of this method's kind (where it was sent, which parameters).
     * Only looks at the credential: no store access, no cryptography.
     *
     * @param credential what the client presented
     * @return true when this method is the one to check it
     */
    boolean appliesTo(ClientCredential credential);

    /**
     * Checks the credential and returns the client it proves.
     *
     * @param credential a credential this method {@linkplain #appliesTo applies} to
     * @param context    the client lookup, the secret check, the clock and how to fail
     * @return the client the credential proves, enabled or not (the authenticator refuses a disabled one)
     * @throws dev.lanyard.auth.InvalidCredentialsException from {@link ClientAuthenticationContext#failure}
     */
    Client authenticate(ClientCredential credential, ClientAuthenticationContext context);

    /**
     * Whether the method proves the client's identity; {@code none} only names a public client, and
     * introspection (RFC 7662) needs a proof, so it is left out of
     * {@code introspection_endpoint_auth_methods_supported}.
     *
     * @return true, except for {@code none}
     */
    default boolean provesIdentity() {
        return true;
    }
}
