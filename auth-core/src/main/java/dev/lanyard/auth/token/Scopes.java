package dev.lanyard.auth.token;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * RFC 6749 section 3.3 scope strings: space-separated tokens of printable ASCII without {@code "} or
 * {@code \}.
 *
 * <p><b>The order rule.</b> Every scope string Lanyard writes (the {@code scope} of token responses, the
 * {@code scope} claim of access tokens, introspection answers, whoami fields, {@code insufficient_scope}
 * challenges) is made by {@link #join}: the tokens sorted in ascending {@link String#compareTo} order (for
 * scope tokens, which are ASCII, that is byte order) and separated by single spaces. So the same set gives
 * the same string on every run, whatever the iteration order of the set it came from.
 *
 * <pre>{@code
 * Scopes.join(Set.of("orders:write", "orders:read"))   // "orders:read orders:write", always
 * }</pre>
 */
public final class Scopes {

    private Scopes() {
    }

    static String requireValid(String scope) {
        if (scope == null || scope.isEmpty()) {
            throw new IllegalArgumentException("a scope must not be empty");
        }
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
                throw new IllegalArgumentException("scope contains a character RFC 6749 does not allow at index " + i);
            }
        }
        return scope;
    }

    /**
     * The scope string of a set, by the order rule above.
     *
     * @param scopes the scopes
     * @return the scopes sorted and joined by single spaces; empty for none
     */
    public static String join(Collection<String> scopes) {
        return String.join(" ", new TreeSet<>(scopes));
    }

    static Set<String> parse(String scope) {
        if (scope == null || scope.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : scope.split(" ")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return Collections.unmodifiableSet(out);
    }
}
