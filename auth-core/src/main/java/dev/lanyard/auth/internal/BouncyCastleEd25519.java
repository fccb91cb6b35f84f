package dev.lanyard.auth.internal;

import org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint;

/**
 * The Bouncy Castle half of {@link Ed25519}, in a class of its own so that nothing loads Bouncy Castle
 * where it is not on the class path. Its RFC 8032 verifier is about eight times faster than the JDK's
 * and validates a public key fully (canonical, on the curve, of the prime order).
 */
final class BouncyCastleEd25519 {

    private BouncyCastleEd25519() {
    }

    /** A verifier for the 32-byte public key {@code x}, its point decoded and validated once. */
    static Ed25519.Verifier verifier(byte[] x) {
        PublicPoint point = validatedPoint(x);
        return (message, signature) -> signature.length == 64
                && org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, point, message, 0, message.length);
    }

    /** Refuses a key that is not a canonically encoded point of the prime-order group. */
    static void validate(byte[] x) {
        validatedPoint(x);
    }

    private static PublicPoint validatedPoint(byte[] x) {
        PublicPoint point = org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyFullExport(x, 0);
        if (point == null) {
            throw new IllegalArgumentException("invalid Ed25519 public key: not a canonically encoded point "
                    + "of the prime-order group (a key of small order would accept forged signatures)");
        }
        return point;
    }
}
