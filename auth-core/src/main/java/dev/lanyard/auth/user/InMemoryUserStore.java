package dev.lanyard.auth.user;

import dev.lanyard.auth.DuplicateException;
import dev.lanyard.auth.NotFoundException;
import dev.lanyard.auth.internal.Identifiers;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link UserStore.Writable} in this process's memory: for tests, demos and single-node apps that load
 * their users at start. Reads are lock-free; writes are serialised and atomic.
 *
 * <pre>{@code
 * InMemoryUserStore users = new InMemoryUserStore();
 * users.create(User.builder("alice").passwordHash(hash).build());
 * }</pre>
 */
public final class InMemoryUserStore implements UserStore.Writable {

    private final Map<String, User> byId = new ConcurrentHashMap<>();
    private final Map<String, User> byUsernameKey = new ConcurrentHashMap<>();

    /** An empty store of users. */
    public InMemoryUserStore() {
    }

    @Override
    public Optional<User> findByUsername(String username) {
        if (username == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(byUsernameKey.get(User.usernameKey(username)));
        } catch (InvalidUsernameException e) {
            return Optional.empty(); // no user can have it
        }
    }

    @Override
    public Optional<User> findById(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized void createAll(List<User> users) {
        Objects.requireNonNull(users, "users");
        Set<String> ids = new HashSet<>();
        Map<String, Integer> keys = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            User u = Objects.requireNonNull(users.get(i), "users[" + i + "]");
            String key = User.usernameKey(u.username());
            Integer earlier = keys.putIfAbsent(key, i);
            if (earlier != null) {
                throw new DuplicateException(Identifiers.entry(i, users.size()) + "username " + Identifiers.quote(u.username())
                        + " repeats entry " + (earlier + 1));
            }
            if (byUsernameKey.containsKey(key)) {
                throw new DuplicateException(Identifiers.entry(i, users.size()) + "username " + Identifiers.quote(u.username())
                        + " is already taken");
            }
            if (!ids.add(u.id()) || byId.containsKey(u.id())) {
                throw new DuplicateException(Identifiers.entry(i, users.size()) + "user id " + Identifiers.quote(u.id())
                        + " is already taken");
            }
        }
        for (User u : users) {
            byId.put(u.id(), u);
            byUsernameKey.put(User.usernameKey(u.username()), u);
        }
    }

    @Override
    public synchronized void update(User user) {
        Objects.requireNonNull(user, "user");
        User old = byId.get(user.id());
        if (old == null) {
            throw new NotFoundException("no user with id " + Identifiers.quote(user.id()));
        }
        String oldKey = User.usernameKey(old.username());
        String newKey = User.usernameKey(user.username());
        if (!oldKey.equals(newKey) && byUsernameKey.containsKey(newKey)) {
            throw new DuplicateException("username " + Identifiers.quote(user.username()) + " is already taken");
        }
        byUsernameKey.remove(oldKey);
        byUsernameKey.put(newKey, user);
        byId.put(user.id(), user);
    }

    @Override
    public synchronized boolean upgradePassword(String userId, String currentHash, String newHash) {
        Objects.requireNonNull(newHash, "newHash");
        User old = userId == null ? null : byId.get(userId);
        if (old == null || !old.passwordHash().equals(Optional.ofNullable(currentHash))) {
            return false;
        }
        User upgraded = old.toBuilder().passwordHash(newHash).build();
        byId.put(userId, upgraded);
        byUsernameKey.put(User.usernameKey(upgraded.username()), upgraded);
        return true;
    }

    @Override
    public synchronized boolean delete(String id) {
        User old = byId.remove(id);
        if (old == null) {
            return false;
        }
        byUsernameKey.remove(User.usernameKey(old.username()));
        return true;
    }

    @Override
    public List<User> list(int offset, int limit) {
        checkPage(offset, limit);
        return byId.values().stream()
                .sorted(Comparator.comparing((User u) -> User.usernameKey(u.username())))
                .skip(offset).limit(limit).toList();
    }

    @Override
    public long count() {
        return byId.size();
    }

    static void checkPage(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
    }
}
