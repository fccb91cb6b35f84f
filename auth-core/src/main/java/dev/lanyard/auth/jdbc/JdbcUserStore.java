package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.DuplicateException;
import dev.lanyard.auth.NotFoundException;
import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.user.InvalidUsernameException;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserStore;
import dev.lanyard.auth.internal.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A {@link UserStore.Writable} in the {@code lanyard_users} table, for apps whose nodes share users through a
 * database. Create the table first with {@link JdbcSchema#migrate}; the store itself never changes
 * the schema. Thread-safe; it holds no connection between calls, so give it a pooled
 * {@link DataSource}.
 *
 * <pre>{@code
 * JdbcSchema.migrate(dataSource);             // once, at start
 * UserStore.Writable users = new JdbcUserStore(dataSource);
 * users.create(User.builder("alice").passwordHash(hash).build());
 * Optional<User> alice = users.findByUsername("Alice"); // usernames compare by User.usernameKey
 * }</pre>
 *
 * <p>Each write runs in one transaction: {@link #createAll} writes every user or none. A database
 * failure is a {@link StoreException}, transient when the database could not be reached. Lists of
 * roles and scopes are kept one per line, in order, in columns of 4000
 * characters; a user whose lists do not fit, or whose normalised username exceeds
 * 512 characters, is refused with an {@link IllegalArgumentException}.
 */
public final class JdbcUserStore implements UserStore.Writable {

    static final int MAX_USERNAME_KEY = 512;

    private static final String COLUMNS =
            "id, username, password_hash, enabled, email, first_name, last_name, lang, app_id, roles, scopes";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM lanyard_users";
    private static final String INSERT = "INSERT INTO lanyard_users (id, username, username_key, password_hash, enabled,"
            + " email, first_name, last_name, lang, app_id, roles, scopes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE lanyard_users SET username = ?, username_key = ?, password_hash = ?,"
            + " enabled = ?, email = ?, first_name = ?, last_name = ?, lang = ?, app_id = ?, roles = ?, scopes = ?"
            + " WHERE id = ?";
    private static final int BATCH = 500;

    private final Sql sql;

    /**
     * A store over tables that {@link JdbcSchema#migrate} has created in this data source.
     *
     * @param dataSource the database holding the tables; a pooled data source for a server
     */
    public JdbcUserStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
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
            return Optional.empty(); // no user can have it; and PostgreSQL would refuse a NUL with an error
        }
        return sql.read("find a user by username", c -> findOne(c, SELECT + " WHERE username_key = ?", key));
    }

    @Override
    public Optional<User> findById(String id) {
        if (id == null || !Identifiers.isClean(id)) {
            return Optional.empty();
        }
        return sql.read("find a user by id", c -> findOne(c, SELECT + " WHERE id = ?", id));
    }

    @Override
    public void createAll(List<User> users) {
        Objects.requireNonNull(users, "users");
        List<Row> rows = new ArrayList<>(users.size());
        Map<String, Integer> keys = new HashMap<>();
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            Row row = Row.of(Objects.requireNonNull(users.get(i), "users[" + i + "]"));
            Integer earlier = keys.putIfAbsent(row.key, i);
            if (earlier != null) {
                throw new DuplicateException(Identifiers.entry(i, users.size()) + "username " + Identifiers.quote(row.user.username())
                        + " repeats entry "
                        + (earlier + 1));
            }
            earlier = ids.putIfAbsent(row.user.id(), i);
            if (earlier != null) {
                throw new DuplicateException(Identifiers.entry(i, users.size()) + "user id " + Identifiers.quote(row.user.id())
                        + " repeats entry " + (earlier + 1));
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            return;
        }
        String action = rows.size() == 1 ? "create user " + Identifiers.quote(rows.get(0).user.username())
                : "create " + rows.size() + " users";
        sql.write(action, c -> {
            DuplicateException taken = firstTaken(c, rows);
            if (taken != null) {
                throw taken;
            }
            insert(c, rows);
            return null;
        }, e -> createdConcurrently(action, rows, e));
    }

    @Override
    public void update(User user) {
        Row row = Row.of(Objects.requireNonNull(user, "user"));
        sql.write("update user " + Identifiers.quote(user.username()), c -> {
            try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                row.bind(ps, 1);
                ps.setString(12, user.id());
                if (ps.executeUpdate() == 0 && !exists(c, user.id())) {
                    throw new NotFoundException("no user with id " + Identifiers.quote(user.id()));
                }
            }
            return null;
        }, e -> new DuplicateException("username " + Identifiers.quote(user.username()) + " is already taken"));
    }

    /** One compare-and-set on the hash column: an administrator's password change in between wins. */
    @Override
    public boolean upgradePassword(String userId, String currentHash, String newHash) {
        Objects.requireNonNull(newHash, "newHash");
        if (userId == null || currentHash == null || !Identifiers.isClean(userId)) {
            return false;
        }
        return sql.write("upgrade the password hash of user " + Identifiers.quote(userId), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE lanyard_users SET password_hash = ? WHERE id = ? AND password_hash = ?")) {
                ps.setString(1, newHash);
                ps.setString(2, userId);
                ps.setString(3, currentHash);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean delete(String id) {
        Objects.requireNonNull(id, "id");
        if (!Identifiers.isClean(id)) {
            return false;
        }
        return sql.write("delete user " + Identifiers.quote(id), c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM lanyard_users WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<User> list(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        return sql.read("list users", c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY username_key LIMIT ? OFFSET ?")) {
                ps.setInt(1, limit);
                ps.setInt(2, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    List<User> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(toUser(rs));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public long count() {
        return sql.read("count users", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM lanyard_users");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static Optional<User> findOne(Connection c, String query, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(toUser(rs)) : Optional.empty();
            }
        }
    }

    private static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM lanyard_users WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void insert(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                ps.setString(1, row.user.id());
                row.bind(ps, 2);
                ps.addBatch();
                if ((i + 1) % BATCH == 0 || i == rows.size() - 1) {
                    ps.executeBatch();
                }
            }
        }
    }

    /** The first entry whose id or username key is in the table already, or null. */
    private static DuplicateException firstTaken(Connection c, List<Row> rows) throws SQLException {
        Set<String> takenIds = new HashSet<>();
        Set<String> takenKeys = new HashSet<>();
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + BATCH));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT id, username_key FROM lanyard_users WHERE id IN ("
                    + marks + ") OR username_key IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i).user.id());
                    ps.setString(chunk.size() + i + 1, chunk.get(i).key);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        takenIds.add(rs.getString(1));
                        takenKeys.add(rs.getString(2));
                    }
                }
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (takenKeys.contains(row.key)) {
                return new DuplicateException(Identifiers.entry(i, rows.size()) + "username " + Identifiers.quote(row.user.username())
                        + " is already taken");
            }
            if (takenIds.contains(row.user.id())) {
                return new DuplicateException(Identifiers.entry(i, rows.size()) + "user id " + Identifiers.quote(row.user.id())
                        + " is already taken");
            }
        }
        return null;
    }

    /** After a unique violation that the check before the insert did not see: another writer won. */
    private RuntimeException createdConcurrently(String action, List<Row> rows, SQLException cause) {
        DuplicateException taken = sql.read(action, c -> firstTaken(c, rows));
        if (taken != null) {
            return taken;
        }
        DuplicateException raced = new DuplicateException("could not " + action + ": another writer created a user"
                + " with the same id or username meanwhile, so nothing was written; check the users and retry");
        raced.addSuppressed(cause); // DuplicateException takes no cause; keep the driver's report for the logs
        return raced;
    }


    private static User toUser(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        try {
            return User.Builder.withId(id, rs.getString(2))
                    .passwordHash(rs.getString(3))
                    .enabled(rs.getBoolean(4))
                    .email(rs.getString(5))
                    .firstName(rs.getString(6))
                    .lastName(rs.getString(7))
                    .lang(rs.getString(8))
                    .appId(rs.getString(9))
                    .roles(TextList.decode(rs.getString(10)))
                    .scopes(TextList.decode(rs.getString(11)))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new StoreException("the row of user id " + Identifiers.quote(id)
                    + " in lanyard_users is invalid: " + e.getMessage(),
                    e, false);
        }
    }

    /** A user with its derived column values, checked before any connection is taken. */
    private static final class Row {
        final User user;
        final String key;
        final String roles;
        final String scopes;

        private Row(User user, String key, String roles, String scopes) {
            this.user = user;
            this.key = key;
            this.roles = roles;
            this.scopes = scopes;
        }

        static Row of(User user) {
            String key = User.usernameKey(user.username());
            if (key.length() > MAX_USERNAME_KEY) {
                throw new IllegalArgumentException("username " + Identifiers.quote(user.username())
                        + " normalises (RFC 8265) to "
                        + key.length() + " characters; a JDBC store keeps at most " + MAX_USERNAME_KEY);
            }
            String who = " of user " + Identifiers.quote(user.username());
            return new Row(user, key, TextList.encode(user.roles(), "the roles" + who),
                    TextList.encode(user.scopes(), "the scopes" + who));
        }

        /** Binds the columns after the id, from parameter {@code p} on. */
        void bind(PreparedStatement ps, int p) throws SQLException {
            ps.setString(p++, user.username());
            ps.setString(p++, key);
            setNullable(ps, p++, user.passwordHash().orElse(null));
            ps.setBoolean(p++, user.enabled());
            setNullable(ps, p++, user.email().orElse(null));
            setNullable(ps, p++, user.firstName().orElse(null));
            setNullable(ps, p++, user.lastName().orElse(null));
            setNullable(ps, p++, user.lang().orElse(null));
            setNullable(ps, p++, user.appId().orElse(null));
            ps.setString(p++, roles);
            ps.setString(p, scopes);
        }

        private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
            if (value == null) {
                ps.setNull(index, Types.VARCHAR);
            } else {
                ps.setString(index, value);
            }
        }
    }
}
