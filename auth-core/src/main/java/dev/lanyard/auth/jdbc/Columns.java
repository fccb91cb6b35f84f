package dev.lanyard.auth.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Binding and reading the token stores' columns: instants as BIGINT epoch milliseconds (finer parts
 * are dropped), absent values as SQL NULL, and the IN lists of set-based statements.
 */
final class Columns {

    /** The most values bound in one IN list; every database takes this many parameters. */
    static final int CHUNK = 500;

    private Columns() {
    }

    static void setString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value.toEpochMilli());
        }
    }

    static void setBytes(PreparedStatement ps, int index, byte[] value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARBINARY);
        } else {
            ps.setBytes(index, value);
        }
    }

    /** The instant in a nullable BIGINT column. */
    static Instant instant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    /** {@code ?, ?, ?} for {@code count} values. */
    static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** Binds {@code values} from parameter {@code from} on; returns the next parameter's index. */
    static int bindAll(PreparedStatement ps, int from, List<String> values) throws SQLException {
        int p = from;
        for (String v : values) {
            ps.setString(p++, v);
        }
        return p;
    }

    /** {@code values} cut into lists of at most {@link #CHUNK}. */
    static List<List<String>> chunks(List<String> values) {
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < values.size(); from += CHUNK) {
            out.add(values.subList(from, Math.min(values.size(), from + CHUNK)));
        }
        return out;
    }

    /** Refuses a binary value larger than a {@code {bytes}} column keeps, before anything is written. */
    static void checkBytes(byte[] value, String what) {
        if (value != null && value.length > Dialect.MAX_BYTES) {
            throw new IllegalArgumentException(what + " takes " + value.length + " bytes; a JDBC store keeps at most "
                    + Dialect.MAX_BYTES);
        }
    }
}
