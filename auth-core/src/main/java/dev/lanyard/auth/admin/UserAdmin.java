package dev.lanyard.auth.admin;

import dev.lanyard.auth.NotFoundException;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.password.PasswordPolicy;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserStore;
import dev.lanyard.auth.internal.Identifiers;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * The user operations behind an admin API or CLI: create, import, update, enable or disable, set a
 * password, delete. Passwords are hashed here (Argon2id by default); stores only ever see hashes.
 * Every operation raises its event. Every new password, from any of these ways, must meet one
 * {@link PasswordPolicy} (default 8 to 256 characters); imported hashes must be within the hasher's cost
 * caps ({@link PasswordHasher#checkHash}).
 *
 * <pre>{@code
 * UserAdmin admin = new UserAdmin(users, PasswordHasher.defaults(), AuthEvents.of(audit), Clock.systemUTC());
 * User alice = admin.createUser(User.builder("alice").email("alice@example.com").build(), "wonderland".toCharArray());
 * int imported = admin.importUsers(Files.readString(Path.of("users.yaml")), "users.yaml", ImportProgress.none());
 * }</pre>
 */
public final class UserAdmin {

    /** The fields of a users import file (see the README for the format). */
    static final Set<String> FIELDS =
            Set.of("username", "password", "email", "firstName", "lastName", "lang", "roles", "scopes", "appId", "enabled");

    private final UserStore.Writable users;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final AuthEvents events;
    private final Clock clock;

    /**
     * With {@link PasswordPolicy#defaults()}: 8 to 256 characters.
     *
     * @param users  the store users are written to
     * @param hasher hashes new passwords
     * @param events where changes are reported
     * @param clock  the clock of the events
     */
    public UserAdmin(UserStore.Writable users, PasswordHasher hasher, AuthEvents events, Clock clock) {
        this(users, hasher, PasswordPolicy.defaults(), events, clock);
    }

    /**
     * With the policy every new password must meet (import files, admin API, CLI alike).
     *
     * @param users  the store users are written to
     * @param hasher hashes new passwords
     * @param policy the rule every new password must meet
     * @param events where changes are reported
     * @param clock  the clock of the events
     */
    public UserAdmin(UserStore.Writable users, PasswordHasher hasher, PasswordPolicy policy, AuthEvents events, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates a user with this password (hashed here; any hash already on {@code user} is replaced).
     *
     * @param user     the new user
     * @param password the plain-text password; the caller may clear it afterwards
     * @return the user as stored, with the hash
     * @throws dev.lanyard.auth.DuplicateException when the username is taken
     * @throws dev.lanyard.auth.password.PasswordPolicyException when the password breaks the policy
     */
    public User createUser(User user, char[] password) {
        Objects.requireNonNull(user, "user");
        User hashed = user.toBuilder().passwordHash(hasher.hash(requirePassword(password))).build();
        users.create(hashed);
        events.publish(new AuthEvent.UserCreated(clock.instant(), hashed.id(), hashed.username()));
        return hashed;
    }

    /**
     * Imports a users file (YAML or JSON, a list of entries as in the README), all or nothing.
     * Plain-text passwords are hashed; values that already are supported hashes (argon2id, bcrypt,
     * pbkdf2-sha256) are kept as they are. Every entry is checked before any password is hashed, so a
     * bad entry is reported at once.
     *
     * @param content  the file's text
     * @param source a name for messages, usually the file name
     * @param progress told how many entries are prepared
     * @return the number of users imported
     * @throws ImportException                     naming the entry, its line and the problem
     * @throws dev.lanyard.auth.DuplicateException naming the entry whose username is taken
     */
    public int importUsers(String content, String source, ImportProgress progress) {
        return importUsers(content, source, progress, false);
    }

    /**
     * Imports the users of a file whose usernames are not taken yet, and leaves the others as they are
     * (their passwords too): a file imported at every start of a server adds what is new in it. Still all
     * or nothing for the entries it imports, and every entry is checked.
     *
     * @param content  the file's text
     * @param source   a name for messages, usually the file name
     * @param progress told how many entries are prepared
     * @return the number of users imported; the rest were already there
     * @throws ImportException naming the entry, its line and the problem
     */
    public int importNewUsers(String content, String source, ImportProgress progress) {
        return importUsers(content, source, progress, true);
    }

    /**
     * As {@link #importUsers(String, String, ImportProgress)}, with every entry passed through {@code each}
     * after it is checked and before any is stored: it returns the user to store (say, with an appId filled
     * in), or throws to refuse the whole import. An admin API confines an app's admin to its app with it.
     *
     * <pre>{@code
     * admin.importUsers(body, "import", ImportProgress.none(), u -> u.appId().isPresent() ? u
     *         : u.toBuilder().appId("my_app").build());
     * }</pre>
     *
     * @param content  the file's text
     * @param source   a name for messages, usually the file name
     * @param progress told how many entries are prepared
     * @param each     returns the user to store for each checked entry, or throws to refuse the import
     * @return the number of users imported
     * @throws ImportException naming the entry, its line and the problem
     */
    public int importUsers(String content, String source, ImportProgress progress, UnaryOperator<User> each) {
        return importUsers(content, source, progress, false, Objects.requireNonNull(each, "each"));
    }

    private int importUsers(String content, String source, ImportProgress progress, boolean skipExisting) {
        return importUsers(content, source, progress, skipExisting, UnaryOperator.identity());
    }

    private int importUsers(String content, String source, ImportProgress progress, boolean skipExisting,
                            UnaryOperator<User> each) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(progress, "progress");
        List<ImportFile.Entry> entries = ImportFile.read(content, source);
        List<Parsed> parsed = new ArrayList<>(entries.size());
        for (ImportFile.Entry entry : entries) {
            Parsed read = parse(entry);
            Parsed p = new Parsed(read.entry, Objects.requireNonNull(each.apply(read.user), "each"), read.password,
                    read.keptHash);
            if (!skipExisting || users.findByUsername(p.user.username()).isEmpty()) {
                parsed.add(p);
            }
        }
        for (Parsed p : parsed) {
            // After every entry's fields are checked, before any hash: a policy failure is reported at once.
            if (!p.keptHash) {
                try {
                    policy.check(p.password, "'password'");
                } catch (IllegalArgumentException e) {
                    throw p.entry.error(e.getMessage());
                }
            }
        }
        List<User> ready = hashAll(parsed, progress);
        if (ready.isEmpty()) {
            return 0;
        }
        users.createAll(ready);
        events.publish(new AuthEvent.Imported(clock.instant(), AuthEvent.PrincipalKind.USER, ready.size(), source));
        return ready.size();
    }

    /**
     * Replaces a user's profile, roles, scopes and enabled flag; the password hash is kept as stored.
     *
     * @param user the user's new state, with the id of the user to replace
     * @return the user as stored
     * @throws NotFoundException when there is no such user
     */
    public User update(User user) {
        Objects.requireNonNull(user, "user");
        User current = find(user.id());
        User updated = user.toBuilder().passwordHash(current.passwordHash().orElse(null)).build();
        users.update(updated);
        events.publish(new AuthEvent.UserUpdated(clock.instant(), updated.id(), updated.username(), "profile"));
        return updated;
    }

    /**
     * Enables or disables a user; a disabled user cannot log in, with the same error as a wrong password.
     *
     * @param userId  the user's id
     * @param enabled false to refuse every login
     * @return the user as stored
     * @throws NotFoundException when there is no such user
     */
    public User setEnabled(String userId, boolean enabled) {
        User updated = find(userId).toBuilder().enabled(enabled).build();
        users.update(updated);
        events.publish(new AuthEvent.UserUpdated(clock.instant(), updated.id(), updated.username(),
                enabled ? "enabled" : "disabled"));
        return updated;
    }

    /**
     * Sets a new password (hashed here).
     *
     * @param userId   the user's id
     * @param password the plain-text password; it must meet the policy
     * @return the user as stored
     * @throws NotFoundException when there is no such user
     * @throws dev.lanyard.auth.password.PasswordPolicyException when the password breaks the policy
     */
    public User setPassword(String userId, char[] password) {
        User updated = find(userId).toBuilder().passwordHash(hasher.hash(requirePassword(password))).build();
        users.update(updated);
        events.publish(new AuthEvent.UserUpdated(clock.instant(), updated.id(), updated.username(), "password"));
        return updated;
    }

    /**
     * Deletes a user; false when there was none.
     *
     * @param userId the user's id
     * @return true when a user was deleted
     */
    public boolean deleteUser(String userId) {
        if (!Identifiers.isClean(Objects.requireNonNull(userId, "userId"))) {
            return false; // no user can have such an id, and the store must not see it
        }
        User user = users.findById(userId).orElse(null);
        if (user == null || !users.delete(userId)) {
            return false;
        }
        events.publish(new AuthEvent.UserDeleted(clock.instant(), user.id(), user.username()));
        return true;
    }

    /**
     * The user with this id, to check what an admin may do with her (her appId, say).
     *
     * @param userId the user's id
     * @return the user; empty when there is none (or no user can have such an id)
     */
    public Optional<User> findUser(String userId) {
        if (!Identifiers.isClean(Objects.requireNonNull(userId, "userId"))) {
            return Optional.empty(); // the store must not see it
        }
        return users.findById(userId);
    }

    private User find(String userId) {
        requireClean(Objects.requireNonNull(userId, "userId"));
        return users.findById(userId)
                .orElseThrow(() -> new NotFoundException("no user with id " + Identifiers.quote(userId)));
    }

    /** No user can have such an id: refused before the store sees it (PostgreSQL fails on a NUL). */
    private static void requireClean(String userId) {
        if (!Identifiers.isClean(userId)) {
            throw new NotFoundException("no user has an id with control or invisible characters");
        }
    }

    private char[] requirePassword(char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        policy.check(password, "the password");
        return password;
    }

    /**
     * The users of {@code parsed} with their hashes, in file order. Plain-text passwords are hashed on
     * every core, but on no more threads than half the hasher's slots: each Argon2id run holds its
     * memory (19 MiB at the defaults) for its duration, so memory stays bounded by the slot count, and
     * a server importing through its admin API keeps slots free for logins.
     * Progress is reported from the calling thread: entries with a kept hash first, then each hashed one.
     */
    private List<User> hashAll(List<Parsed> parsed, ImportProgress progress) {
        int toHash = (int) parsed.stream().filter(p -> !p.keptHash).count();
        int threads = Math.min(Math.min(Runtime.getRuntime().availableProcessors(),
                Math.max(1, hasher.maxConcurrent() / 2)), toHash);
        progress.started(parsed.size(), toHash, threads);
        int prepared = 0;
        for (int i = toHash; i < parsed.size(); i++) {
            progress.progress(++prepared, parsed.size());
        }
        List<User> ready = new ArrayList<>(parsed.size());
        if (toHash == 0) {
            parsed.forEach(p -> ready.add(p.user.toBuilder().passwordHash(p.password).build()));
            return ready;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lanyard-import-hash");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<String> done = new ExecutorCompletionService<>(pool);
            List<Future<String>> hashes = new ArrayList<>(parsed.size());
            for (Parsed p : parsed) {
                hashes.add(p.keptHash ? null : done.submit(() -> hasher.hash(p.password.toCharArray())));
            }
            for (int finished = 1; finished <= toHash; finished++) {
                done.take();
                progress.progress(++prepared, parsed.size());
            }
            for (int i = 0; i < parsed.size(); i++) {
                Parsed p = parsed.get(i);
                ready.add(p.user.toBuilder().passwordHash(p.keptHash ? p.password : hashOf(p, hashes.get(i))).build());
            }
            return ready;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the import was interrupted while hashing; nothing was imported", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String hashOf(Parsed p, Future<String> hash) throws InterruptedException {
        try {
            return hash.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) {
                throw p.entry.error(bad.getMessage());
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("hashing a password failed: " + e.getCause(), e.getCause());
        }
    }

    /** An import entry: the user without a hash, and the file's password value (a hash to keep, or plain text). */
    private record Parsed(ImportFile.Entry entry, User user, String password, boolean keptHash) {
    }

    private Parsed parse(ImportFile.Entry entry) {
        entry.allowOnly(FIELDS);
        String password = entry.text("password", true);
        if (password.isEmpty()) {
            throw entry.error("'password' must not be empty");
        }
        boolean keptHash = entry.isKeptHash("password", password, hasher);
        try {
            List<String> roles = entry.strings("roles");
            List<String> scopes = entry.strings("scopes");
            Boolean enabled = entry.bool("enabled");
            return new Parsed(entry, User.builder(entry.text("username", true))
                    .email(entry.text("email", false))
                    .firstName(entry.text("firstName", false))
                    .lastName(entry.text("lastName", false))
                    .lang(entry.text("lang", false))
                    .appId(entry.text("appId", false))
                    .roles(roles == null ? List.of() : roles)
                    .scopes(scopes == null ? List.of() : scopes)
                    .enabled(enabled == null || enabled)
                    .build(), password, keptHash);
        } catch (IllegalArgumentException e) {
            // Model checks name the field; none of them echoes the password.
            throw entry.error(e.getMessage());
        }
    }
}
