package dev.lanyard.auth.internal.jws;

import dev.lanyard.auth.key.SigningKey;

/**
 * Chooses the one key a JWS header names, or refuses: the verifier never tries a second key. The
 * access-token profile looks a {@code kid} up in the issuer's key source; a client assertion looks it
 * up among the client's registered keys.
 */
@FunctionalInterface
public interface JwsKeys {

    /**
     * The key that must verify this JWS.
     *
     * @param kid the header's {@code kid}; null when the header has none
     * @param alg the header's {@code alg}, already allowed by the {@link HeaderPolicy}
     * @return the key, whose algorithm is {@code alg}
     * @throws dev.lanyard.auth.token.InvalidTokenException (unknown key, or an alg the key does not verify)
     */
    SigningKey find(String kid, String alg);
}
