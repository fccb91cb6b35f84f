package dev.lanyard.auth.internal.grant;

import dev.lanyard.auth.InvalidGrantException;
import dev.lanyard.auth.InvalidRequestException;
import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.client.Client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** RFC 7636 checks, at the authorization request and at the token request. */
public final class Pkce {

    private Pkce() {
    }

    /**
     * Checks a challenge when a code is requested.
     *
     * @param plainAllowed whether the service was explicitly told to accept {@code plain}
     */
    public static void checkChallenge(String challenge, String method, Client client, boolean plainAllowed) {
        if (challenge == null) {
            if (!client.confidential()) {
                throw new InvalidRequestException("a public client must send a PKCE code_challenge");
            }
            if (method != null) {
                throw new InvalidRequestException("code_challenge_method without code_challenge");
            }
            return;
        }
        String m = method == null ? "plain" : method;
        if (!m.equals("S256") && !(m.equals("plain") && plainAllowed)) {
            throw new InvalidRequestException("code_challenge_method must be S256");
        }
        if (!challenge.matches("[A-Za-z0-9._~-]{43,128}")) {
            throw new InvalidRequestException("code_challenge is not 43 to 128 unreserved characters");
        }
    }

    /** Checks the verifier of a token request against the stored challenge. */
    static void check(String challenge, String method, String verifier, Client client) {
        if (challenge == null) {
            if (verifier != null) {
                // RFC 9700 2.1.1: a verifier without a challenge is a downgrade attempt.
                throw new InvalidGrantException("code_verifier sent for a code issued without PKCE");
            }
            if (!client.confidential()) {
                throw new InvalidGrantException("a public client's code must use PKCE");
            }
            return;
        }
        if (verifier == null || !verifier.matches("[A-Za-z0-9._~-]{43,128}")) {
            throw new InvalidGrantException("code_verifier is missing or malformed");
        }
        String expected = "S256".equals(method) ? s256(verifier) : verifier;
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidGrantException("code_verifier does not match the code_challenge");
        }
    }

    /** BASE64URL(SHA256(ASCII(verifier))). */
    public static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
