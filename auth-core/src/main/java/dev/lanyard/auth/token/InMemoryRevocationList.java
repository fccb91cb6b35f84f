package dev.lanyard.auth.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@link RevocationList} held in this process's memory. Each entry is dropped once its token has
 * expired (plus a margin for clock skew), so the list is bounded by the number of tokens revoked
 * within one token lifetime. It is never bounded by count: evicting a live revocation would
 * silently make a revoked token valid again.
 *
 * <pre>{@code
 * RevocationList revoked = new InMemoryRevocationList(Clock.systemUTC());
 * }</pre>
 *
 * <p>For several app nodes, use the JDBC list so that every node sees a revocation.
 */
public final class InMemoryRevocationList implements RevocationList {

    /** Kept past the token's expiry so that a verifier with maximum skew still refuses it. */
    static final Duration MARGIN = Duration.ofMinutes(5);

    private final Clock clock;
    private final Cache<String, Instant> revoked;

    /**
     * An empty list whose entries expire by this clock.
     *
     * @param clock the clock of the entries' expiry; the verifiers' clock
     * @throws NullPointerException when {@code clock} is null
     */
    public InMemoryRevocationList(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.revoked = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .expireAfter(Expiry.<String, Instant>writing((jti, expiresAt) -> remaining(expiresAt)))
                .build();
    }

    @Override
    public boolean isRevoked(String jti) {
        return jti != null && revoked.getIfPresent(jti) != null;
    }

    @Override
    public void revoke(String jti, Instant expiresAt) {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(expiresAt, "expiresAt");
        revoked.asMap().merge(jti, expiresAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    /**
     * The number of live entries (for tests and metrics). It counts them: Caffeine (3.3 on) evicts
     * expired entries in bounded batches, so its estimated size may still include some.
     *
     * @return how many revocations are held
     */
    public long size() {
        revoked.cleanUp();
        return revoked.asMap().keySet().stream().count();
    }

    private Duration remaining(Instant expiresAt) {
        Duration left = Duration.between(clock.instant(), expiresAt.plus(MARGIN));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
