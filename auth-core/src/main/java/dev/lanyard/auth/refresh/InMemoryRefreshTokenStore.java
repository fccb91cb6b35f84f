package dev.lanyard.auth.refresh;

import dev.lanyard.auth.refresh.RefreshTokenEntry.State;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@link RefreshTokenStore} in this process's memory, for tests and single-node apps; refresh
 * tokens are lost on restart. Every method holds the store's lock, which makes {@link #rotate} a true
 * compare-and-set.
 *
 * <pre>{@code
 * RefreshTokens tokens = RefreshTokens.builder().store(new InMemoryRefreshTokenStore()).build();
 * }</pre>
 */
public final class InMemoryRefreshTokenStore implements RefreshTokenStore {

    private final Map<String, RefreshTokenEntry> tokens = new HashMap<>();
    private final Map<String, RefreshFamily> families = new HashMap<>();
    private final Map<String, List<String>> familyTokens = new HashMap<>();

    /** An empty store of refresh tokens. */
    public InMemoryRefreshTokenStore() {
    }

    @Override
    public synchronized void createFamily(RefreshFamily family, RefreshTokenEntry first) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(first, "first");
        if (families.containsKey(family.id()) || tokens.containsKey(first.digest())) {
            throw new IllegalStateException("family " + family.id() + " or its first token already exists");
        }
        families.put(family.id(), family);
        tokens.put(first.digest(), first);
        familyTokens.computeIfAbsent(family.id(), k -> new ArrayList<>()).add(first.digest());
    }

    @Override
    public synchronized Optional<Found> find(String digest) {
        RefreshTokenEntry token = tokens.get(digest);
        if (token == null) {
            return Optional.empty();
        }
        return Optional.of(new Found(token, families.get(token.familyId())));
    }

    @Override
    public synchronized boolean rotate(String digest, Instant rotatedAt, byte[] sealedSuccessor,
                                       RefreshTokenEntry successor) {
        RefreshTokenEntry current = tokens.get(digest);
        if (current == null || current.state() != State.ACTIVE || families.get(current.familyId()).revoked()
                || tokens.containsKey(successor.digest())) {
            return false;
        }
        tokens.put(digest, new RefreshTokenEntry(current.digest(), current.familyId(), current.issuedAt(),
                current.idleExpiresAt(), State.ROTATED, rotatedAt, successor.digest(), sealedSuccessor,
                current.accessTokenId(), current.accessExpiresAt()));
        tokens.put(successor.digest(), successor);
        familyTokens.get(current.familyId()).add(successor.digest());
        return true;
    }

    @Override
    public synchronized List<IssuedAccess> revokeFamily(String familyId, Instant now) {
        RefreshFamily family = families.get(familyId);
        if (family == null || family.revoked()) {
            return List.of();
        }
        families.put(familyId, family.asRevoked());
        List<IssuedAccess> access = new ArrayList<>();
        for (String digest : familyTokens.getOrDefault(familyId, List.of())) {
            RefreshTokenEntry t = tokens.get(digest);
            if (t.accessTokenId() != null && t.accessExpiresAt() != null && t.accessExpiresAt().isAfter(now)) {
                access.add(new IssuedAccess(t.accessTokenId(), t.accessExpiresAt()));
            }
            tokens.put(digest, new RefreshTokenEntry(t.digest(), t.familyId(), t.issuedAt(), t.idleExpiresAt(),
                    State.REVOKED, t.rotatedAt(), t.successorDigest(), null, t.accessTokenId(), t.accessExpiresAt()));
        }
        return access;
    }

    @Override
    public synchronized List<IssuedAccess> revokeSubject(String subject, Instant now) {
        return revokeWhere(f -> f.subject().equals(subject), now);
    }

    @Override
    public synchronized List<IssuedAccess> revokeClient(String clientId, Instant now) {
        return revokeWhere(f -> f.clientId().equals(clientId), now);
    }

    @Override
    public synchronized int purge(Instant now) {
        int removed = 0;
        for (Iterator<Map.Entry<String, RefreshFamily>> it = families.entrySet().iterator(); it.hasNext(); ) {
            RefreshFamily f = it.next().getValue();
            if (f.expiresAt().isBefore(now)) {
                it.remove();
                for (String digest : familyTokens.remove(f.id())) {
                    tokens.remove(digest);
                    removed++;
                }
            }
        }
        for (Iterator<RefreshTokenEntry> it = tokens.values().iterator(); it.hasNext(); ) {
            RefreshTokenEntry t = it.next();
            if (t.idleExpiresAt().isBefore(now)) {
                it.remove();
                familyTokens.get(t.familyId()).remove(t.digest());
                removed++;
            }
        }
        return removed;
    }

    /**
     * The number of tokens held (for tests).
     *
     * @return how many tokens the store holds, used or not
     */
    public synchronized int size() {
        return tokens.size();
    }

    private List<IssuedAccess> revokeWhere(Predicate<RefreshFamily> which, Instant now) {
        List<IssuedAccess> access = new ArrayList<>();
        for (RefreshFamily f : List.copyOf(families.values())) {
            if (which.test(f)) {
                access.addAll(revokeFamily(f.id(), now));
            }
        }
        return access;
    }
}
