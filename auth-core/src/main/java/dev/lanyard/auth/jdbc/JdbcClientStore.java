package dev.lanyard.auth.jdbc;

import com.nimbusds.jose.util.JSONObjectUtils;

import dev.lanyard.auth.DuplicateException;
import dev.lanyard.auth.NotFoundException;
import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientSecret;
import dev.lanyard.auth.client.ClientStore;
import dev.lanyard.auth.internal.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
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
 * A {@link ClientStore} in the {@code lanyard_clients} and {@code lanyard_client_secrets} tables. Create
 * them first with {@link JdbcSchema#migrate}; the store itself never changes the schema. Thread-safe;
 * it holds no connection between calls, so give it a pooled {@link DataSource}.
 *
 * <pre>{@code
 * JdbcSchema.migrate(dataSource);             // once, at start
 * ClientStore.Writable clients = new JdbcClientStore(dataSource);
 * clients.create(Client.builder("my-app").secrets(List.of(secret)).build());
 * clients.update(clients.findById("my-app").orElseThrow().toBuilder().secrets(List.of(secret, next)).build());
 * }</pre>
 *
 * <p>Client ids compare exactly on every database ({@code App} and {@code app} are two clients). Each
 * write runs in one transaction: an update replaces the client's secrets with the ones it carries,
 * and {@link #createAll} writes every client or none. A database failure is a {@link StoreException},
 * transient when the database could not be reached.
 *
 * <p>What the columns keep: a secret's creation time to the millisecond (finer parts are dropped);
 * token lifetimes in whole milliseconds (a lifetime with a finer part is refused with an
 * {@link IllegalArgumentException}); grants, scopes and redirect URIs one per line, in order, in
 * 4000 characters each.
 */
public final class JdbcClientStore implements ClientStore.Writable {

    private static final String SELECT = "SELECT c.client_id, c.name, c.confidential, c.enabled, c.grants, c.scopes,"
            + " c.redirect_uris, c.access_token_lifetime_ms, c.refresh_token_lifetime_ms, c.app_id,"
            + " c.token_endpoint_auth_method, c.jwks, c.jwks_uri, s.secret_id, s.hash, s.created_at FROM ";
    private static final String JOIN_SECRETS =
            " c LEFT JOIN lanyard_client_secrets s ON s.client_id = c.client_id";
    private static final String INSERT = "INSERT INTO lanyard_clients (client_id, name, confidential, enabled, grants,"
            + " scopes, redirect_uris, access_token_lifetime_ms, refresh_token_lifetime_ms, app_id,"
            + " token_endpoint_auth_method, jwks, jwks_uri) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE lanyard_clients SET name = ?, confidential = ?, enabled = ?, grants = ?,"
            + " scopes = ?, redirect_uris = ?, access_token_lifetime_ms = ?, refresh_token_lifetime_ms = ?, app_id = ?,"
            + " token_endpoint_auth_method = ?, jwks = ?, jwks_uri = ? WHERE client_id = ?";
    private static final String INSERT_SECRET = "INSERT INTO lanyard_client_secrets (client_id, secret_id, hash,"
            + " created_at, seq) VALUES (?, ?, ?, ?, ?)";
    private static final String DELETE_SECRETS = "DELETE FROM lanyard_client_secrets WHERE client_id = ?";
    private static final int BATCH = 500;

    private final Sql sql;

    /**
     * A store over tables that {@link JdbcSchema#migrate} has created in this data source.
     *
     * @param dataSource the database holding the tables; a pooled data source for a server
     */
    public JdbcClientStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    @Override
    public Optional<Client> findById(String clientId) {
        if (clientId == null || !Identifiers.isClean(clientId)) {
            return Optional.empty(); // no client can have it; and PostgreSQL would refuse a NUL with an error
        }
        return sql.read("find a client by id", c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + "lanyard_clients" + JOIN_SECRETS
                    + " WHERE c.client_id = ? ORDER BY s.seq")) {
                ps.setString(1, clientId);
                List<Client> found = readClients(ps);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    @Override
    public void createAll(List<Client> clients) {
        Objects.requireNonNull(clients, "clients");
        List<Row> rows = new ArrayList<>(clients.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < clients.size(); i++) {
            Row row = Row.of(Objects.requireNonNull(clients.get(i), "clients[" + i + "]"));
            Integer earlier = seen.putIfAbsent(row.client.clientId(), i);
            if (earlier != null) {
                throw new DuplicateException(Identifiers.entry(i, clients.size()) + "client id " + Identifiers.quote(row.client.clientId())
                        + " repeats entry "
                        + (earlier + 1));
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            return;
        }
        String action = rows.size() == 1 ? "create client " + Identifiers.quote(rows.get(0).client.clientId())
                : "create " + rows.size() + " clients";
        sql.write(action, c -> {
            DuplicateException taken = firstTaken(c, rows);
            if (taken != null) {
                throw taken;
            }
            insertClients(c, rows);
            insertSecrets(c, rows);
            return null;
        }, e -> createdConcurrently(action, rows, e));
    }

    @Override
    public void update(Client client) {
        Row row = Row.of(Objects.requireNonNull(client, "client"));
        String id = client.clientId();
        sql.write("update client " + Identifiers.quote(id), c -> {
            try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                row.bind(ps, 1);
                ps.setString(13, id);
                // Some drivers count only changed rows; an update that changes nothing still needs the row.
                if (ps.executeUpdate() == 0 && !exists(c, id)) {
                    throw new NotFoundException("no client with id " + Identifiers.quote(id));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(DELETE_SECRETS)) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            insertSecrets(c, List.of(row));
            return null;
        });
    }

    @Override
    public boolean delete(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        if (!Identifiers.isClean(clientId)) {
            return false;
        }
        return sql.write("delete client " + Identifiers.quote(clientId), c -> {
            // The foreign key cascades too; deleting the secrets first keeps the store right where it cannot.
            try (PreparedStatement ps = c.prepareStatement(DELETE_SECRETS)) {
                ps.setString(1, clientId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM lanyard_clients WHERE client_id = ?")) {
                ps.setString(1, clientId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<Client> list(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        return sql.read("list clients", c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT
                    + "(SELECT * FROM lanyard_clients ORDER BY client_id LIMIT ? OFFSET ?)" + JOIN_SECRETS
                    + " ORDER BY c.client_id, s.seq")) {
                ps.setInt(1, limit);
                ps.setInt(2, offset);
                return readClients(ps);
            }
        });
    }

    private static boolean exists(Connection c, String clientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM lanyard_clients WHERE client_id = ?")) {
            ps.setString(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void insertClients(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int i = 0; i < rows.size(); i++) {
                ps.setString(1, rows.get(i).client.clientId());
                rows.get(i).bind(ps, 2);
                ps.addBatch();
                if ((i + 1) % BATCH == 0 || i == rows.size() - 1) {
                    ps.executeBatch();
                }
            }
        }
    }

    private static void insertSecrets(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_SECRET)) {
            int pending = 0;
            for (Row row : rows) {
                List<ClientSecret> secrets = row.client.secrets();
                for (int i = 0; i < secrets.size(); i++) {
                    ClientSecret s = secrets.get(i);
                    ps.setString(1, row.client.clientId());
                    ps.setString(2, s.id());
                    ps.setString(3, s.hash());
                    ps.setLong(4, s.createdAt().toEpochMilli());
                    ps.setInt(5, i);
                    ps.addBatch();
                    if (++pending == BATCH) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }

    /** The first entry whose client id is in the table already, or null. */
    private static DuplicateException firstTaken(Connection c, List<Row> rows) throws SQLException {
        Set<String> taken = new HashSet<>();
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + BATCH));
            try (PreparedStatement ps = c.prepareStatement("SELECT client_id FROM lanyard_clients WHERE client_id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i).client.clientId());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        taken.add(rs.getString(1));
                    }
                }
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            String id = rows.get(i).client.clientId();
            if (taken.contains(id)) {
                return new DuplicateException(Identifiers.entry(i, rows.size()) + "client id " + Identifiers.quote(id) + " is already taken");
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
        DuplicateException raced = new DuplicateException("could not " + action + ": another writer created a client"
                + " with the same id meanwhile, so nothing was written; check the clients and retry");
        raced.addSuppressed(cause); // DuplicateException takes no cause; keep the driver's report for the logs
        return raced;
    }


    /** Reads joined client and secret rows, ordered by client id then secret position. */
    private static List<Client> readClients(PreparedStatement ps) throws SQLException {
        List<Client> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            Client.Builder current = null;
            String currentId = null;
            List<ClientSecret> secrets = new ArrayList<>();
            while (rs.next()) {
                String id = rs.getString(1);
                if (!id.equals(currentId)) {
                    if (current != null) {
                        out.add(build(currentId, current, secrets));
                    }
                    currentId = id;
                    current = toBuilder(rs);
                    secrets = new ArrayList<>();
                }
                String secretId = rs.getString(14);
                if (secretId != null) {
                    secrets.add(toSecret(currentId, secretId, rs));
                }
            }
            if (current != null) {
                out.add(build(currentId, current, secrets));
            }
        }
        return out;
    }

    private static Client.Builder toBuilder(ResultSet rs) throws SQLException {
        Client.Builder b = Client.builder(rs.getString(1))
                .name(rs.getString(2))
                .enabled(rs.getBoolean(4))
                .grants(TextList.decode(rs.getString(5)))
                .scopes(TextList.decode(rs.getString(6)))
                .redirectUris(TextList.decode(rs.getString(7)))
                .accessTokenLifetime(millis(rs, 8))
                .refreshTokenLifetime(millis(rs, 9))
                .appId(rs.getString(10))
                .tokenEndpointAuthMethod(rs.getString(11))
                .jwks(jwks(rs.getString(12)))
                .jwksUri(rs.getString(13));
        if (!rs.getBoolean(3)) {
            b.publicClient();
        }
        return b;
    }

    private static ClientSecret toSecret(String clientId, String secretId, ResultSet rs) throws SQLException {
        try {
            return new ClientSecret(secretId, rs.getString(15), Instant.ofEpochMilli(rs.getLong(16)));
        } catch (IllegalArgumentException e) {
            throw invalidRow(clientId, e);
        }
    }

    private static Client build(String clientId, Client.Builder b, List<ClientSecret> secrets) {
        try {
            return b.secrets(secrets).build();
        } catch (IllegalArgumentException e) {
            throw invalidRow(clientId, e);
        }
    }

    private static StoreException invalidRow(String clientId, IllegalArgumentException e) {
        return new StoreException("the rows of client " + Identifiers.quote(clientId)
                + " in lanyard_clients are invalid: "
                + e.getMessage(), e, false);
    }

    private static Map<String, Object> jwks(String json) throws SQLException {
        if (json == null) {
            return null;
        }
        try {
            return JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new SQLException("the jwks column is not a JSON object", "22000", e);
        }
    }

    private static Duration millis(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Duration.ofMillis(value);
    }

    /** A client with its derived column values, checked before any connection is taken. */
    private static final class Row {
        final Client client;
        final String grants;
        final String scopes;
        final String redirectUris;
        final Long accessTokenMillis;
        final Long refreshTokenMillis;
        final String jwks;

        private Row(Client client) {
            this.client = client;
            String of = " of client " + Identifiers.quote(client.clientId());
            this.grants = TextList.encode(client.grants(), "the grants" + of);
            this.scopes = TextList.encode(client.scopes(), "the scopes" + of);
            this.redirectUris = TextList.encode(client.redirectUris(), "the redirect URIs" + of);
            this.accessTokenMillis = wholeMillis(client.accessTokenLifetime().orElse(null), "accessTokenLifetime" + of);
            this.refreshTokenMillis = wholeMillis(client.refreshTokenLifetime().orElse(null), "refreshTokenLifetime" + of);
            this.jwks = client.jwks().map(JSONObjectUtils::toJSONString).orElse(null);
        }

        static Row of(Client client) {
            return new Row(client);
        }

        /** Binds the columns after the id, from parameter {@code p} on. */
        void bind(PreparedStatement ps, int p) throws SQLException {
            if (client.name().isPresent()) {
                ps.setString(p++, client.name().get());
            } else {
                ps.setNull(p++, Types.VARCHAR);
            }
            ps.setBoolean(p++, client.confidential());
            ps.setBoolean(p++, client.enabled());
            ps.setString(p++, grants);
            ps.setString(p++, scopes);
            ps.setString(p++, redirectUris);
            setNullable(ps, p++, accessTokenMillis);
            setNullable(ps, p++, refreshTokenMillis);
            setNullable(ps, p++, client.appId().orElse(null));
            setNullable(ps, p++, client.tokenEndpointAuthMethod().orElse(null));
            setNullable(ps, p++, jwks);
            setNullable(ps, p, client.jwksUri().map(Object::toString).orElse(null));
        }

        private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
            if (value == null) {
                ps.setNull(index, Types.VARCHAR);
            } else {
                ps.setString(index, value);
            }
        }

        private static Long wholeMillis(Duration d, String what) {
            if (d == null) {
                return null;
            }
            long millis = d.toMillis();
            if (!Duration.ofMillis(millis).equals(d)) {
                throw new IllegalArgumentException(what + " is " + d + "; a JDBC store keeps lifetimes in whole"
                        + " milliseconds");
            }
            return millis;
        }

        private static void setNullable(PreparedStatement ps, int index, Long value) throws SQLException {
            if (value == null) {
                ps.setNull(index, Types.BIGINT);
            } else {
                ps.setLong(index, value);
            }
        }
    }
}
