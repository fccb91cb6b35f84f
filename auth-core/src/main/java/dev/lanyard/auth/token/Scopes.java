package dev.lanyard.auth.token;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** RFC 6749 section 3.3 scope syntax: space-separated tokens of printable ASCII without {@code "} or {@code \}. */
final class Scopes {

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

    static String join(Collection<String> scopes) {
        return String.join(" ", scopes);
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
