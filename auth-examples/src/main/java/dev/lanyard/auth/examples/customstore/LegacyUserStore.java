package dev.lanyard.auth.examples.customstore;

import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.user.InvalidUsernameException;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A read-only {@link UserStore} over a user table that an application already has and Lanyard does not
 * own: here the table of a PHP app, whose {@code password_hash()} wrote bcrypt hashes in {@code $2y$}
 * form. Copy it and change the SQL to your table; nothing else in Lanyard needs to know.
 *
 * <pre>{@code
 * CREATE TABLE app_users (
 *     id        BIGINT PRIMARY KEY,
 *     login     VARCHAR(128) NOT NULL UNIQUE,
 *     pw_hash   VARCHAR(255),          -- '$2y$10$...' from PHP's password_hash()
 *     email     VARCHAR(254),
 *     full_name VARCHAR(128),
 *     is_active BOOLEAN NOT NULL,
 *     role      VARCHAR(64)            -- one role per user, e.g. 'admin'
 * );
 * }</pre>
 *
 * <p>Plug it in where Lanyard takes users:
 *
 * <pre>{@code
 * DataSource dataSource = ...;                        // the app's own connection pool
 * TokenService tokens = TokenService.builder()
 *         .issuer("https://app.example")
 *         .keys(KeyManager.builder().file(Path.of("data/keys.jwks.json")).build())
 *         .clients(clients)
 *         .users(new LegacyUserStore(dataSource))
 *         .build();
 * TokenResponse r = tokens.grant(TokenRequest.password("web", secret, "Alice", password).build());
 * }</pre>
 *
 * <p><b>Read-only.</b> It implements {@link UserStore}'s two lookups and nothing else; Lanyard never
 * writes {@code app_users}. It is no {@link UserStore.Writable}, so the admin API's user endpoints and
 * {@code users add} or {@code users import} cannot be given this store: the app manages its users as
 * before.
 *
 * <p><b>Rehash on login.</b> After a successful login Lanyard replaces a hash of an older scheme
 * (bcrypt here) by an Argon2id one only in a store that is a
 * {@link dev.lanyard.auth.user.PasswordUpgrade}. This one is not, so no new hash is computed and the
 * bcrypt hash stays: PHP keeps verifying it. To migrate to Argon2id, implement {@code PasswordUpgrade}
 * as an {@code UPDATE app_users SET pw_hash = ? WHERE id = ? AND pw_hash = ?}, once the app itself
 * verifies Argon2id hashes (PHP's {@code password_verify} does when PHP is built with Argon2 support).
 *
 * <p><b>Usernames.</b> Lanyard treats usernames as the same account when their
 * {@link User#usernameKey} (RFC 8265 UsernameCaseMapped) is equal, and this store follows that rule: it
 * asks the database for logins equal to the key or to the typed name ignoring case, then keeps the
 * rows whose own key matches in Java. The database's {@code LOWER} only narrows the search, so its
 * collation can make a non-ASCII login harder to find in another case, never match a wrong one. If
 * two rows share a key ({@code Alice} and {@code alice} under a case-sensitive {@code UNIQUE}), the
 * lookup fails with a {@link StoreException} naming their ids rather than picking one: make the logins
 * distinct. On a large table give the app an index on {@code LOWER(login)} (PostgreSQL:
 * {@code CREATE INDEX ON app_users (LOWER(login))}), or each login scans the table.
 *
 * <p><b>Columns.</b> {@code id} becomes the user id, and so the {@code sub} of tokens, in decimal;
 * {@code role} the only role (none when null or blank); {@code is_active} the enabled flag (null counts
 * as inactive); {@code full_name} the first name, unsplit, since no rule splits every name into given
 * and family names. A null {@code pw_hash} is a user who cannot log in with a password; a hash in a
 * scheme Lanyard does not verify (e.g. PHP's old {@code md5()}) refuses the login with a warning in
 * the log. A row that does not make a valid {@link User} (a login with outer spaces, a role over 64
 * characters) fails the lookup with a {@link StoreException} naming the row's id.
 *
 * <p>Table and column names are constants; user input only ever goes into statement parameters. A
 * database failure is a {@link StoreException}, transient when the database could not be reached,
 * whose message names the operation and the SQLState but never the driver's text (drivers may quote
 * row values, and a row holds a password hash). Thread-safe; it holds no connection between calls.
 */
public final class LegacyUserStore implements UserStore {

    private static final String SELECT =
            "SELECT id, login, pw_hash, email, full_name, is_active, role FROM app_users";
    private static final String BY_LOGIN = SELECT + " WHERE LOWER(login) = ? OR LOWER(login) = LOWER(?)";
    private static final String BY_ID = SELECT + " WHERE id = ?";

    private final DataSource dataSource;

    /** A store reading {@code app_users} through the app's own data source. */
    public LegacyUserStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Optional<User> findByUsername(String username) {
        if (username == null) {
            return Optional.empty();
        }
        String key;
        try {
            key = User.usernameKey(username);
        } catch (InvalidUsernameException e) {
            return Optional.empty(); // no Lanyard user can have it; never send it to the database
        }
        List<User> matches = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(BY_LOGIN)) {
            ps.setString(1, key);
            ps.setString(2, username);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // LOWER in SQL is not RFC 8265: keep only the rows Lanyard's own rule calls the same name
                    String login = rs.getString("login");
                    if (login != null && key.equals(keyOrNull(login))) {
                        matches.add(toUser(rs));
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("find a user by username", e);
        }
        if (matches.size() > 1) {
            throw new StoreException("app_users has " + matches.size() + " logins that Lanyard treats as one"
                    + " username (user ids " + matches.stream().map(User::id).toList() + "): they differ only in"
                    + " case or Unicode form; rename all but one", null, false);
        }
        return matches.stream().findFirst();
    }

    @Override
    public Optional<User> findById(String id) {
        Optional<Long> number = parseId(id);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(BY_ID)) {
            ps.setLong(1, number.get());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(toUser(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("find a user by id", e);
        }
    }

    /** The id as a number when it is one written the way {@link #toUser} writes it: "007" is no id. */
    private static Optional<Long> parseId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            long number = Long.parseLong(id);
            return Long.toString(number).equals(id) ? Optional.of(number) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static User toUser(ResultSet rs) throws SQLException {
        String id = Long.toString(rs.getLong("id"));
        String role = rs.getString("role");
        try {
            return User.Builder.withId(id, rs.getString("login"))
                    .passwordHash(rs.getString("pw_hash"))
                    .enabled(rs.getBoolean("is_active")) // SQL NULL reads as false: not active
                    .roles(role == null || role.isBlank() ? Set.of() : Set.of(role))
                    .email(rs.getString("email"))
                    .firstName(rs.getString("full_name"))
                    .build();
        } catch (IllegalArgumentException e) {
            // the message names the field, never its value
            throw new StoreException("the row of user id " + id + " in app_users is not a valid Lanyard user: "
                    + e.getMessage(), e, false);
        }
    }

    private static StoreException failure(String action, SQLException e) {
        boolean transientFailure = e instanceof SQLTransientException || e instanceof SQLRecoverableException
                || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
        return new StoreException("could not " + action + " in app_users: "
                + (transientFailure ? "the database is unreachable or busy; retry later" : "the database refused the statement")
                + " (SQLState " + e.getSQLState() + ", vendor code " + e.getErrorCode() + ")", e, transientFailure);
    }

    /** A stored login's key; null for one RFC 8265 disallows, which then matches nothing. */
    private static String keyOrNull(String login) {
        try {
            return User.usernameKey(login);
        } catch (InvalidUsernameException e) {
            return null;
        }
    }
}
