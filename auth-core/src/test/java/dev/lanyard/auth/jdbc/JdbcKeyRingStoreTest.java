package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.key.KeyEncryptionKey;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.key.KeyRing;
import dev.lanyard.auth.key.KeyRingStore;
import dev.lanyard.auth.key.KeySealException;
import dev.lanyard.auth.testing.KeyRingStoreContract;
import dev.lanyard.auth.testing.TestDatabase;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link JdbcKeyRingStore} on one database (a subclass per dialect): the {@link KeyRingStoreContract},
 * and the sealing of private keys under the key-encryption key.
 */
abstract class JdbcKeyRingStoreTest extends KeyRingStoreContract {

    static final KeyEncryptionKey KEK = KeyEncryptionKey.generate();

    /** The database of the subclass. */
    abstract TestDatabase db();

    @Override
    protected KeyRingStore newStore() {
        return new JdbcKeyRingStore(db().emptyLanyardSchema(), KEK);
    }

    @Override
    protected KeyRingStore sameStorage() {
        return new JdbcKeyRingStore(db().dataSource(), KEK);
    }

    private DataSource dataSource() {
        return db().dataSource();
    }

    @Test
    void wrongKeyEncryptionKeyThenRefusedNamingBothIdsAndNoKeyMaterial() {
        KeyRing ring = node(store).current();
        KeyEncryptionKey wrong = KeyEncryptionKey.generate();

        assertThatThrownBy(() -> KeyManager.builder().store(new JdbcKeyRingStore(dataSource(), wrong)).build())
                .isInstanceOf(KeySealException.class)
                .hasMessageContaining(KEK.id()).hasMessageContaining(wrong.id())
                .hasMessageContaining("give the key-encryption key the ring was sealed with")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEK.encoded()).doesNotContain(wrong.encoded()));
        assertThat(sameStorage().load().orElseThrow().ring().active().kid()).as("the ring is untouched")
                .isEqualTo(ring.active().kid());
    }

    @Test
    void tamperedCiphertextThenRefusedNamingTheKid() throws SQLException {
        String active = node(store).current().active().kid();
        byte[] sealed = sealedOf(active);
        sealed[sealed.length - 20] ^= 1;
        update("UPDATE lanyard_signing_keys SET sealed_private = ? WHERE kid = ?", sealed, active);

        assertThatThrownBy(() -> sameStorage().load())
                .isInstanceOf(KeySealException.class)
                .hasMessageContaining(active).hasMessageContaining("altered");
    }

    @Test
    void sealedKeyMovedToAnotherRowThenRefused() throws SQLException {
        KeyRing ring = node(store).current();
        String active = ring.active().kid();
        String next = ring.next().orElseThrow().kid();
        byte[] nextSealed = sealedOf(next);
        update("UPDATE lanyard_signing_keys SET sealed_private = ? WHERE kid = ?", nextSealed, active);

        assertThatThrownBy(() -> sameStorage().load())
                .isInstanceOf(KeySealException.class).hasMessageContaining(active).hasMessageContaining("another key's row");
    }

    @Test
    void rolesSwappedByHandThenRefused() throws SQLException {
        KeyRing ring = node(store).current();
        String active = ring.active().kid();
        update("UPDATE lanyard_signing_keys SET role = ? WHERE kid = ?", "NEXT", active);
        update("UPDATE lanyard_signing_keys SET role = ? WHERE kid = ?", "ACTIVE", ring.next().orElseThrow().kid());

        assertThatThrownBy(() -> sameStorage().load())
                .isInstanceOf(KeySealException.class).hasMessageContaining("its role, drop time or ring version");
    }

    @Test
    void aRetiringKeysDropTimeExtendedByHandThenRefused() throws SQLException {
        KeyManager keys = node(store);
        String retired = keys.current().active().kid();
        keys.rotate();
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE lanyard_signing_keys SET drop_at = drop_at + 86400000"
                     + " WHERE kid = ?")) {
            ps.setString(1, retired);
            assertThat(ps.executeUpdate()).isEqualTo(1);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }

        assertThatThrownBy(() -> sameStorage().load())
                .isInstanceOf(KeySealException.class).hasMessageContaining(retired);
    }

    @Test
    void publicKeyReplacedInItsRowThenRefused() throws SQLException {
        KeyRing ring = node(store).current();
        String foreign = ring(clock.instant()).active().publicJwk().map(JSONObjectUtils::toJSONString)
                .orElseThrow();
        update("UPDATE lanyard_signing_keys SET public_jwk = ? WHERE kid = ?", foreign, ring.active().kid());

        assertThatThrownBy(() -> sameStorage().load())
                .isInstanceOf(KeySealException.class).hasMessageContaining("public half");
    }

    @Test
    void missingKeyEncryptionKeyThenRefusedByTheStore() {
        assertThatThrownBy(() -> new JdbcKeyRingStore(dataSource(), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("key-encryption key");
    }

    @Test
    void neitherTheKeyEncryptionKeyNorAPrivateKeyIsInTheDatabase() throws SQLException {
        KeyManager keys = node(store);
        keys.rotate();
        String dump = dumpLanyardTables();
        byte[] raw = Base64.getDecoder().decode(KEK.encoded());

        assertThat(dump).contains(keys.current().active().kid()).contains(KEK.id())
                .doesNotContain(KEK.encoded())
                .doesNotContain(HexFormat.of().formatHex(raw))
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(raw))
                .doesNotContain("\"d\"");
        assertThat(new String(dumpBytes(), StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain("\"d\"");
    }

    @Test
    void sealingTheSameRingTwiceGivesOtherBytes() throws SQLException {
        KeyRing ring = ring(clock.instant());
        store.replace(0, ring);
        byte[] first = sealedOf(ring.active().kid());
        store.replace(1, ring);

        assertThat(sealedOf(ring.active().kid())).as("a fresh nonce for each seal").isNotEqualTo(first);
    }

    @Test
    void theFirstNodeRecordsTheIssuerAndTheOthersLearnIt() {
        JdbcKeyRingStore a = (JdbcKeyRingStore) store;
        JdbcKeyRingStore b = (JdbcKeyRingStore) sameStorage();
        assertThat(a.issuer()).isEmpty();

        assertThat(a.recordIssuer("https://auth.example")).isEqualTo("https://auth.example");
        assertThat(b.recordIssuer("http://localhost:8081")).isEqualTo("https://auth.example");
        assertThat(b.issuer()).hasValue("https://auth.example");
        assertThat(b.load()).as("an issuer alone is no ring").isEmpty();
        node(b);
        assertThat(a.issuer()).as("creating the ring keeps the issuer").hasValue("https://auth.example");
    }

    private byte[] sealedOf(String kid) throws SQLException {
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT sealed_private FROM lanyard_signing_keys WHERE kid = ?")) {
            ps.setString(1, kid);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    private void update(String sql, Object value, String kid) throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (value instanceof byte[] bytes) {
                ps.setBytes(1, bytes);
            } else {
                ps.setString(1, (String) value);
            }
            ps.setString(2, kid);
            assertThat(ps.executeUpdate()).isEqualTo(1);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    /** Every text value of every lanyard_ table. */
    private String dumpLanyardTables() throws SQLException {
        StringBuilder out = new StringBuilder();
        for (List<Object> row : rows()) {
            row.forEach(v -> out.append(v instanceof byte[] ? "" : String.valueOf(v)).append('|'));
            out.append('\n');
        }
        return out.toString();
    }

    /** Every binary value of every lanyard_ table, concatenated. */
    private byte[] dumpBytes() throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (List<Object> row : rows()) {
            row.stream().filter(byte[].class::isInstance).map(byte[].class::cast).forEach(out::writeBytes);
        }
        return out.toByteArray();
    }

    private List<List<Object>> rows() throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = dataSource().getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    if (rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT).startsWith("lanyard_")) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            assertThat(tables).isNotEmpty();
            for (String table : tables) {
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table); ResultSet rs = ps.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int i = 1; i <= columns; i++) {
                            Object v = rs.getObject(i);
                            row.add(v instanceof java.sql.Blob || v instanceof byte[] ? rs.getBytes(i)
                                    : v instanceof java.sql.Clob ? rs.getString(i) : v);
                        }
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }
}
