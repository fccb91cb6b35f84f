package dev.lanyard.auth.internal;

/**
 * The key of the verified-token cache: the whole token, compared character by character, so that a
 * hit can only ever return the result of verifying exactly this string.
 *
 * <p>The hash covers only the last 32 characters, which are part of the signature: unpredictable
 * without the issuer's key, so an attacker can neither aim at one bucket nor find a cached token's
 * bucket, and the hot path does not hash a kilobyte per request ({@code String.hashCode} on JDK 17
 * is a scalar loop over every character). A non-cryptographic hash is fine here because it only
 * chooses a bucket; equality is decided by {@link String#equals}.
 */
public final class TokenKey {

    private static final int HASHED_SUFFIX = 32;

    private final String token;
    private final int hash;

    public TokenKey(String token) {
        this.token = token;
        int h = 0;
        for (int i = Math.max(0, token.length() - HASHED_SUFFIX); i < token.length(); i++) {
            h = 31 * h + token.charAt(i);
        }
        this.hash = h;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenKey other && hash == other.hash && token.equals(other.token);
    }

    @Override
    public String toString() {
        return "TokenKey[hash=" + Integer.toHexString(hash) + "]"; // never the token
    }
}
