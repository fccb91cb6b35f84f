package dev.lanyard.auth.internal;

import dev.lanyard.auth.reference.ReferenceTokenVerifier;
import dev.lanyard.auth.token.TokenVerifier;
import dev.lanyard.auth.token.VerifiedToken;

/**
 * The service's two verifiers behind one door: a token without a dot is a reference token when the
 * service keeps them, anything else goes to the JWT verifier.
 */
public final class Verification implements TokenVerifier {

    private final TokenVerifier jwt;
    private final ReferenceTokenVerifier reference;

    /** @param reference the reference-token verifier, or null when the service issues JWTs only */
    public Verification(TokenVerifier jwt, ReferenceTokenVerifier reference) {
        this.jwt = jwt;
        this.reference = reference;
    }

    /** Whether the token is one for the reference verifier. */
    public boolean isReference(String token) {
        return reference != null && token != null && token.indexOf('.') < 0;
    }

    /** Verifies a token as a use (a reference token's idle timeout is extended). */
    @Override
    public VerifiedToken verify(String token) {
        return isReference(token) ? reference.verify(token) : jwt.verify(token);
    }

    /** Verifies a token without counting it as a use. */
    public VerifiedToken inspect(String token) {
        return isReference(token) ? reference.inspect(token) : jwt.verify(token);
    }
}
