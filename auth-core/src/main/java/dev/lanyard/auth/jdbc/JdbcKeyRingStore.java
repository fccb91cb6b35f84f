package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.key.KeyEncryptionKey;
import dev.lanyard.auth.key.KeyRing;
import dev.lanyard.auth.key.KeyRingStore;
import dev.lanyard.auth.key.KeySealException;
import dev.lanyard.auth.key.SigningKey;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link KeyRingStore} in the database, shared by every node over it: the ring's version (and the
 * issuer the nodes agreed on) in {@code lanyard_key_ring}, one row per key in
 * {@code lanyard_signing_keys}. Each private key is sealed under the operator's
 * {@link KeyEncryptionKey} (AES-256-GCM, bound to its kid, role, drop time and ring version), so that
 * the database and its backups hold no usable private key, and a row changed by hand does not open;
 * the public JWK stays readable beside it. Create the tables with
 * {@link JdbcSchema#migrate}.
 *
 * <pre>{@code
 * KeyEncryptionKey kek = KeyEncryptionKey.fromFile(Path.of("/etc/lanyard/kek")); // never in the database
 * KeyManager keys = KeyManager.builder()
 *         .store(new JdbcKeyRingStore(dataSource, kek))
 *         .rotationInterval(Duration.ofDays(30))
 *         .build();
 * }</pre>
 *
 * <p>{@link #replace} is a compare-and-set on the version row, in the same transaction as the keys'
 * rows: two nodes changing the ring at once, one wins (on PostgreSQL, MariaDB and H2 the row lock
 * makes the second {@code UPDATE} find the new version; SQLite has one writer at a time). {@link #load}
 * reads the version and the keys in one statement, and checks that every key row belongs to that
 * version. Every key is opened at load: a wrong key-encryption key, or a row altered by hand, fails
 * there, with a {@link KeySealException} naming the kid and the key-encryption key ids.
 */
public final class JdbcKeyRingStore implements KeyRingStore {

    private static final int MAX_READS = 3;

    private final Sql sql;
    private final KeyEncryptionKey kek;

    /**
     * A store over this data source, sealing and opening private keys with {@code kek}.
     *
     * @param dataSource the data source whose key-ring tables {@link JdbcSchema#migrate} has created
     * @param kek        the key-encryption key; the same on every node
     */
    public JdbcKeyRingStore(DataSource dataSource, KeyEncryptionKey kek) {
        this.sql = new Sql(dataSource);
        this.kek = Objects.requireNonNull(kek, "kek: a database key ring needs a key-encryption key");
    }

    @Override
    public Optional<Snapshot> load() {
        for (int read = 1; ; read++) {
            List<Row> rows = sql.read("read the key ring", JdbcKeyRingStore::readRows);
            if (rows.isEmpty() || rows.get(0).ringVersion() == 0) {
                return Optional.empty();
            }
            long version = rows.get(0).ringVersion();
            boolean consistent = rows.stream().allMatch(r -> r.kid() != null && r.keyVersion() == version);
            if (consistent) {
                return Optional.of(new Snapshot(ring(rows), version));
            }
            if (read >= MAX_READS) {
                throw new IllegalStateException("the key ring in lanyard_signing_keys does not match its version "
                        + version + " in lanyard_key_ring (rows written by hand, or a ring without keys)");
            }
        }
    }

    @Override
    public boolean replace(long expectedVersion, KeyRing ring) {
        Objects.requireNonNull(ring, "ring");
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must be 0 or more, got " + expectedVersion);
        }
        long version = expectedVersion + 1;
        List<SealedKey> sealed = seal(ring, version); // before the transaction, which then holds its lock briefly
        if (expectedVersion == 0) {
            ensureRingRow();
        }
        return sql.writeRetrying("store key ring version " + version, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE lanyard_key_ring SET version = ? WHERE id = 1 AND version = ?")) {
                ps.setLong(1, version);
                ps.setLong(2, expectedVersion);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM lanyard_signing_keys")) {
                ps.executeUpdate();
            }
            insert(c, sealed, version);
            return true;
        });
    }

    /**
     * The issuer recorded for this database's ring, recording {@code issuer} when none is: the first
     * node to ask decides, and every other node learns the same answer.
     *
     * @param issuer the issuer this node proposes
     * @return the recorded issuer: {@code issuer} itself, or the one another node recorded first
     * @throws dev.lanyard.auth.StoreException when the database cannot be used
     */
    public String recordIssuer(String issuer) {
        Objects.requireNonNull(issuer, "issuer");
        ensureRingRow();
        sql.writeRetrying("record the issuer", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE lanyard_key_ring SET issuer = ? WHERE id = 1 AND issuer IS NULL")) {
                ps.setString(1, issuer);
                return ps.executeUpdate();
            }
        });
        return issuer().orElseThrow(() -> new IllegalStateException("the issuer was recorded but cannot be read back"));
    }

    /**
     * The issuer recorded for this database's ring.
     *
     * @return the issuer; empty when none is recorded yet
     * @throws dev.lanyard.auth.StoreException when the database cannot be read
     */
    public Optional<String> issuer() {
        return sql.read("read the issuer", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT issuer FROM lanyard_key_ring WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
            }
        });
    }

    /**
     * The version row, created at version 0 when missing. A plain insert: when the row exists (or a node
     * creates it at the same moment) the primary key refuses it, which is the answer wanted.
     */
    private void ensureRingRow() {
        sql.writeRetrying("create the key ring row", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO lanyard_key_ring (id, version, issuer) VALUES (1, 0, NULL)")) {
                ps.executeUpdate();
            }
            return true;
        }, true);
    }

    private List<SealedKey> seal(KeyRing ring, long version) {
        List<SealedKey> out = new ArrayList<>();
        ring.next().ifPresent(k -> out.add(sealed(k, "NEXT", null, version)));
        out.add(sealed(ring.active(), "ACTIVE", null, version));
        ring.retiring().forEach((k, dropAt) -> out.add(sealed(k, "RETIRING", dropAt, version)));
        return out;
    }

    private SealedKey sealed(SigningKey key, String role, Instant dropAt, long version) {
        Long dropMillis = dropAt == null || dropAt.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE)) ? null
                : dropAt.toEpochMilli();
        byte[] bytes = kek.seal(key, binding(role, dropMillis, version));
        Columns.checkBytes(bytes, "the sealed key " + key.kid());
        String publicJwk = key.publicJwk().map(JSONObjectUtils::toJSONString).orElse(null);
        return new SealedKey(key.kid(), role, dropMillis, publicJwk, bytes);
    }

    /** What a sealed key is bound to besides its kid: its row's role, drop time and ring version. */
    private static String binding(String role, Long dropMillis, long version) {
        return "lanyard_signing_keys|" + role + "|" + (dropMillis == null ? "-" : dropMillis) + "|" + version;
    }

    private void insert(Connection c, List<SealedKey> keys, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO lanyard_signing_keys"
                + " (kid, seq, role, drop_at, public_jwk, kek_id, sealed_private, ring_version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (SealedKey k : keys) {
                ps.setString(1, k.kid());
                ps.setInt(2, seq++);
                ps.setString(3, k.role());
                if (k.dropAt() == null) {
                    ps.setNull(4, Types.BIGINT);
                } else {
                    ps.setLong(4, k.dropAt());
                }
                Columns.setString(ps, 5, k.publicJwk());
                ps.setString(6, kek.id());
                ps.setBytes(7, k.sealed());
                ps.setLong(8, version);
                ps.executeUpdate();
            }
        }
    }

    private static List<Row> readRows(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        // one statement: the version and the keys from one snapshot on every database
        try (PreparedStatement ps = c.prepareStatement("SELECT r.version, k.kid, k.role, k.drop_at, k.public_jwk,"
                + " k.kek_id, k.sealed_private, k.ring_version FROM lanyard_key_ring r"
                + " LEFT JOIN lanyard_signing_keys k ON 1 = 1 WHERE r.id = 1 ORDER BY k.seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long keyVersion = rs.getLong(8);
                if (rs.wasNull()) {
                    keyVersion = -1;
                }
                rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), Columns.instant(rs, 4),
                        rs.getString(5), rs.getString(6), rs.getBytes(7), keyVersion));
            }
        }
        return rows;
    }

    private KeyRing ring(List<Row> rows) {
        SigningKey active = null;
        SigningKey next = null;
        Map<SigningKey, Instant> retiring = new LinkedHashMap<>();
        for (Row row : rows) {
            SigningKey key = open(row);
            switch (row.role()) {
                case "ACTIVE" -> active = requireOne(active, key, "ACTIVE");
                case "NEXT" -> next = requireOne(next, key, "NEXT");
                case "RETIRING" -> retiring.put(key, row.dropAt() == null ? Instant.MAX : row.dropAt());
                default -> throw new IllegalStateException("key " + row.kid() + " has the unknown role " + row.role());
            }
        }
        if (active == null) {
            throw new IllegalStateException("the key ring version " + rows.get(0).ringVersion() + " has no ACTIVE key");
        }
        return KeyRing.of(active, next, retiring);
    }

    /** Opens the sealed private key, and checks the readable public key beside it is its own. */
    private SigningKey open(Row row) {
        if (row.sealed() == null) {
            throw new KeySealException("key " + row.kid() + " has no sealed private key in lanyard_signing_keys", null);
        }
        Long dropMillis = row.dropAt() == null ? null : row.dropAt().toEpochMilli();
        SigningKey key = kek.open(row.kid(), row.kekId(), row.sealed(), binding(row.role(), dropMillis, row.keyVersion()));
        Optional<Map<String, Object>> own = key.publicJwk();
        boolean matches;
        try {
            matches = own.isEmpty() ? row.publicJwk() == null
                    : row.publicJwk() != null && JWK.parse(row.publicJwk()).computeThumbprint()
                            .equals(JWK.parse(own.get()).computeThumbprint());
        } catch (ParseException | JOSEException e) {
            matches = false;
        }
        if (!matches) {
            throw new KeySealException("the public key stored for " + row.kid() + " in lanyard_signing_keys is not the"
                    + " public half of its sealed private key: the row was altered", null);
        }
        return key;
    }

    private static SigningKey requireOne(SigningKey seen, SigningKey key, String role) {
        if (seen != null) {
            throw new IllegalStateException("the key ring has two " + role + " keys: " + seen.kid() + " and " + key.kid());
        }
        return key;
    }

    /** A key as read: {@code kid} null for a ring row without keys; {@code keyVersion} -1 then. */
    private record Row(long ringVersion, String kid, String role, Instant dropAt, String publicJwk, String kekId,
                       byte[] sealed, long keyVersion) {
    }

    private record SealedKey(String kid, String role, Long dropAt, String publicJwk, byte[] sealed) {
    }
}
