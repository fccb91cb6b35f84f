package dev.lanyard.auth.internal.grant;

import dev.lanyard.auth.InvalidScopeException;
import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.IntrospectionPolicy;
import dev.lanyard.auth.OAuthError;

import java.util.LinkedHashSet;
import java.util.Set;

/** Scope checks of the grants: what is requested must be allowed, and nothing is ever widened. */
public final class Scopes {

    private Scopes() {
    }

    /**
     * The requested scopes, each checked against {@code allowed}; everything allowed when none are requested.
     * A client permission such as {@link IntrospectionPolicy#PERMISSION} is never a token's scope: it is
     * neither granted by default nor when asked for.
     */
    public static Set<String> resolve(String requested, Set<String> allowed, String whose) {
        if (allowed.contains(IntrospectionPolicy.PERMISSION)) {
            allowed = new LinkedHashSet<>(allowed);
            allowed.remove(IntrospectionPolicy.PERMISSION);
        }
        if (requested == null || requested.isBlank()) {
            return new LinkedHashSet<>(allowed);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : requested.split(" ")) {
            if (s.isEmpty()) {
                continue;
            }
            if (!allowed.contains(s)) {
                throw new InvalidScopeException("the scope '" + printable(s) + "' is not allowed for "
                        + whose);
            }
            out.add(s);
        }
        return out;
    }

    /** {@code allowed} narrowed by a user's own scopes, when the user has any. */
    public static Set<String> forUser(Set<String> clientScopes, Set<String> userScopes) {
        if (userScopes.isEmpty()) {
            return clientScopes;
        }
        Set<String> both = new LinkedHashSet<>(clientScopes);
        both.retainAll(userScopes);
        return both;
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
