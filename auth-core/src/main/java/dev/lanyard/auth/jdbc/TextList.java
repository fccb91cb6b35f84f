package dev.lanyard.auth.jdbc;

import java.util.Collection;
import java.util.List;

/**
 * A list of strings in one VARCHAR column, one per line, in order. The models forbid control
 * characters in roles, scopes, grants and redirect URIs and none is empty, so a newline can never be
 * part of a value and the round trip is exact; the empty list is the empty string.
 */
final class TextList {

    /** The width of the list columns. */
    static final int MAX_LENGTH = 4000;

    private TextList() {
    }

    /** @param what names the list in an error, e.g. {@code "roles of user 'alice'"} */
    static String encode(Collection<String> values, String what) {
        StringBuilder out = new StringBuilder();
        for (String v : values) {
            if (v.isEmpty() || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                throw new IllegalArgumentException(what + " holds an empty value or a line break, which a JDBC store"
                        + " cannot keep");
            }
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(v);
        }
        if (out.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " take " + out.length() + " characters; a JDBC store keeps at most "
                    + MAX_LENGTH + " (one per line)");
        }
        return out.toString();
    }

    static List<String> decode(String column) {
        if (column == null || column.isEmpty()) {
            return List.of();
        }
        return List.of(column.split("\n", -1));
    }
}
