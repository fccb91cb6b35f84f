package dev.lanyard.auth.reference;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ReferenceTokenStore} in this process's memory; tokens are lost on restart.
 *
 * <pre>{@code
 * ReferenceTokenStore store = new InMemoryReferenceTokenStore();
 * }</pre>
 */
public final class InMemoryReferenceTokenStore implements ReferenceTokenStore {

    private final Map<String, ReferenceToken> tokens = new ConcurrentHashMap<>();

    /** An empty store of reference tokens. */
    public InMemoryReferenceTokenStore() {
    }

    @Override
    public void save(ReferenceToken token) {
        Objects.requireNonNull(token, "token");
        if (tokens.putIfAbsent(token.digest(), token) != null) {
            throw new IllegalStateException("a reference token with this digest already exists");
        }
    }

    @Override
    public Optional<ReferenceToken> find(String digest) {
        return digest == null ? Optional.empty() : Optional.ofNullable(tokens.get(digest));
    }

    @Override
    public Optional<ReferenceToken> touch(String digest, Instant now, Instant idleExpiresAt) {
        if (digest == null) {
            return Optional.empty();
        }
        ReferenceToken updated = tokens.computeIfPresent(digest, (k, t) -> {
            if (!t.liveAt(now)) {
                return t;
            }
            Instant target = idleExpiresAt.isAfter(t.expiresAt()) ? t.expiresAt() : idleExpiresAt;
            return target.isAfter(t.idleExpiresAt()) ? t.withIdleExpiry(target) : t;
        });
        return Optional.ofNullable(updated).filter(t -> t.liveAt(now));
    }

    @Override
    public boolean revoke(String digest) {
        return digest != null && tokens.remove(digest) != null;
    }

    @Override
    public int revokeSubject(String subject) {
        int before = tokens.size();
        tokens.values().removeIf(t -> t.subject().equals(subject));
        return before - tokens.size();
    }

    @Override
    public int purge(Instant now) {
        int before = tokens.size();
        tokens.values().removeIf(t -> !t.liveAt(now));
        return before - tokens.size();
    }
}
