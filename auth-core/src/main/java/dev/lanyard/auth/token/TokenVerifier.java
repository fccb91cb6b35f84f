package dev.lanyard.auth.token;

/**
 * Turns a presented access token into a {@link VerifiedToken}, or refuses it. The one seam behind which
 * a JWT verifier ({@link AccessTokenVerifier}) and a verifier of opaque reference tokens sit, so that a
 * resource server, the Bearer filter and introspection all ask the same question the same way.
 *
 * <pre>{@code
 * TokenVerifier verifier = AccessTokenVerifier.builder()
 *         .issuer("https://auth.example.com")
 *         .audience("https://api.example.com")
 *         .keys(keyManager)
 *         .build();
 * VerifiedToken token = verifier.verify(bearerValue);   // throws InvalidTokenException when refused
 * }</pre>
 *
 * <p>Implementations are thread-safe and never echo the token in an exception message.
 */
@FunctionalInterface
public interface TokenVerifier {

    /**
     * Verifies a token as presented (without the {@code Bearer} prefix).
     *
     * @param token the token; null or empty is refused as malformed
     * @return the verified token
     * @throws InvalidTokenException (a subclass naming the failure) when the token is not acceptable
     */
    VerifiedToken verify(String token);
}
