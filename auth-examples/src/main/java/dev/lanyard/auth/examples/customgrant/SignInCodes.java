package dev.lanyard.auth.examples.customgrant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-time sign-in codes, as an app would mail them to its users ("your code is ..."): 128 random bits,
 * good once and for five minutes, kept only as a SHA-256 digest. The application's own store, not
 * Lanyard's: the {@link SignInCodeGrant} is what connects it to the token endpoint.
 *
 * <pre>{@code
 * SignInCodes codes = new SignInCodes(Clock.systemUTC());
 * String code = codes.issue(user.id());        // mail it to the user
 * Optional<String> userId = codes.redeem(code); // once; empty when unknown, used or expired
 * }</pre>
 */
public final class SignInCodes {

    /** How long a code is good for. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Pending(String userId, Instant expiresAt) {
    }

    private final Map<String, Pending> byDigest = new ConcurrentHashMap<>();
    private final Clock clock;

    /**
     * A store of codes.
     *
     * @param clock the clock of the codes' lifetime
     */
    public SignInCodes(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Draws a code for a user.
     *
     * @param userId the user's id
     * @return the code, to be sent to the user; only its digest is kept
     */
    public String issue(String userId) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byDigest.put(digest(code), new Pending(Objects.requireNonNull(userId, "userId"), clock.instant().plus(LIFETIME)));
        return code;
    }

    /**
     * Spends a code: a second redemption of the same code finds nothing.
     *
     * @param code the code as presented
     * @return the user it was issued to; empty when unknown, already used or expired
     */
    public Optional<String> redeem(String code) {
        // Looked up by digest: the map never compares the presented code character by character.
        Pending pending = byDigest.remove(digest(code));
        if (pending == null || !clock.instant().isBefore(pending.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(pending.userId());
    }

    private static String digest(String code) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
