package dev.lanyard.auth.client;

import dev.lanyard.auth.StoreException;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ReplayStore} in this process's memory; an entry counts until its JWT expires and is
 * deleted by {@link #purge} (called by {@link PrivateKeyJwt} about once a minute, and here whenever the store is
 * full). Bounded
 * by count, and full means refused, never evicted: forgetting a live id would let its JWT be replayed.
 * With assertions of at most five minutes, the default of 100,000 entries takes over 300 assertions a
 * second before it fills.
 *
 * <pre>{@code
 * ReplayStore replays = new InMemoryReplayStore(Clock.systemUTC());
 * }</pre>
 *
 * <p>For several nodes use {@code JdbcReplayStore}: a replay sent to another node is caught only there.
 */
public final class InMemoryReplayStore implements ReplayStore {

    /** The default bound. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final Clock clock;
    private final int maxEntries;
    private final ConcurrentHashMap<Key, Instant> used = new ConcurrentHashMap<>();

    private record Key(String issuer, String jti) {
    }

    /**
     * An empty store of at most {@link #DEFAULT_MAX_ENTRIES} entries.
     *
     * @param clock the clock that decides whether an entry has expired
     */
    public InMemoryReplayStore(Clock clock) {
        this(clock, DEFAULT_MAX_ENTRIES);
    }

    /**
     * An empty store of at most {@code maxEntries} live entries.
     *
     * @param clock      the clock that decides whether an entry has expired
     * @param maxEntries the bound, positive
     * @throws IllegalArgumentException when {@code maxEntries} is not positive
     */
    public InMemoryReplayStore(Clock clock, int maxEntries) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    @Override
    public boolean firstUse(String issuer, String jti, Instant expiresAt) {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Instant now = clock.instant();
        Key key = new Key(issuer, jti);
        Instant known = used.get(key);
        if (known != null && known.isAfter(now)) {
            return false; // a replay is answered even when the store is full
        }
        if (used.size() >= maxEntries && purge(now) == 0 && used.size() >= maxEntries) {
            throw new StoreException("the replay store holds " + maxEntries + " unexpired ids and refuses more"
                    + " rather than forget one; raise its maxEntries or shorten the assertions' lifetime", null, true);
        }
        boolean[] fresh = new boolean[1];
        used.compute(key, (k, seen) -> {
            if (seen != null && seen.isAfter(now)) {
                return seen;
            }
            fresh[0] = true;
            return expiresAt;
        });
        return fresh[0];
    }

    @Override
    public int purge(Instant now) {
        int[] purged = new int[1];
        used.entrySet().removeIf(e -> {
            boolean expired = !e.getValue().isAfter(now);
            purged[0] += expired ? 1 : 0;
            return expired;
        });
        return purged[0];
    }
}
