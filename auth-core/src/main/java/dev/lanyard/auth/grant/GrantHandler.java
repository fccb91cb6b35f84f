package dev.lanyard.auth.grant;

import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.client.Client;

/**
 * One grant type's logic at the token endpoint: it checks the grant's own parameters and issues the
 * tokens through the {@link GrantContext}. The built-in grants ({@code authorization_code},
 * {@code client_credentials}, {@code password}, {@code refresh_token}) are handlers too, registered
 * through the same {@code TokenService.builder().grant(..)} as any other.
 *
 * <p>The service calls {@link #handle} only after the client has authenticated and only when the client
 * lists the grant type ({@link Client#allowsGrant}); {@code unsupported_grant_type} and
 * {@code unauthorized_client} are decided before. A grant of one's own, trading a one-time code for a
 * token about the client's user, say:
 *
 * <pre>{@code
 * final class OneTimeCodeGrant implements GrantHandler {
 *     public String grantType() { return "urn:example:grant-type:otp"; }
 *
 *     public TokenResponse handle(GrantContext context, TokenRequest request, Client client) {
 *         String otp = request.parameter("otp").orElseThrow(() -> new InvalidRequestException("otp is required"));
 *         User user = codes.userFor(otp).orElseThrow(() -> new InvalidGrantException("the code is not valid"));
 *         return context.issue(client)
 *                 .user(user)
 *                 .scopes(context.scopes(request.scope().orElse(null), client.scopes()))
 *                 .refreshToken(true)
 *                 .issue();
 *     }
 * }
 *
 * TokenService tokens = TokenService.builder()...grant(new OneTimeCodeGrant()).build();
 * }</pre>
 *
 * <p>A grant type is one of RFC 6749's names or, for an extension grant, an absolute URI (RFC 6749
 * section 4.5). Implementations are thread-safe; failures are {@link dev.lanyard.auth.AuthException}s
 * named after them ({@link dev.lanyard.auth.InvalidGrantException}, ...).
 */
public interface GrantHandler {

    /**
     * The {@code grant_type} this handler serves, listed in the metadata's {@code grant_types_supported}.
     *
     * @return the grant type, such as {@code client_credentials} or {@code urn:ietf:params:oauth:grant-type:device_code}
     */
    String grantType();

    /**
     * Runs the grant for an authenticated client that may use it.
     *
     * @param context what the grant may use: the issuance builder, users, scope rules, the clock
     * @param request the token request, with its raw parameters
     * @param client  the authenticated, enabled client
     * @return the tokens issued, normally by {@code context.issue(client)...issue()}
     * @throws dev.lanyard.auth.AuthException named after the failure
     */
    TokenResponse handle(GrantContext context, TokenRequest request, Client client);
}
