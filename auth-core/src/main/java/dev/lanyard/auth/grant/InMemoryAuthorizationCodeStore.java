package dev.lanyard.auth.grant;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link AuthorizationCodeStore} in this process's memory; every method holds the store's lock.
 *
 * <pre>{@code
 * AuthorizationCodeStore codes = new InMemoryAuthorizationCodeStore();
 * }</pre>
 */
public final class InMemoryAuthorizationCodeStore implements AuthorizationCodeStore {

    private final Map<String, AuthorizationCode> codes = new HashMap<>();
    private final Map<String, Issued> used = new HashMap<>();

    /** An empty store of authorization codes. */
    public InMemoryAuthorizationCodeStore() {
    }

    @Override
    public synchronized void save(AuthorizationCode code) {
        Objects.requireNonNull(code, "code");
        if (codes.putIfAbsent(code.digest(), code) != null) {
            throw new IllegalStateException("an authorization code with this digest already exists");
        }
    }

    @Override
    public synchronized Optional<Redemption> redeem(String digest, Issued issued) {
        AuthorizationCode code = codes.get(digest);
        if (code == null) {
            return Optional.empty();
        }
        Issued first = used.putIfAbsent(digest, Objects.requireNonNull(issued, "issued"));
        return Optional.of(first == null ? new Redemption(code, true, issued) : new Redemption(code, false, first));
    }

    @Override
    public synchronized int purge(Instant now) {
        int before = codes.size();
        codes.values().removeIf(c -> c.expiresAt().isBefore(now));
        used.keySet().retainAll(codes.keySet());
        return before - codes.size();
    }
}
