package dev.lanyard.auth.servlet.internal;

import dev.lanyard.auth.OAuthError;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The URIs a login may redirect to with a token: exact entries, compared character for character, and
 * prefix entries ({@code https://app.example/pages/}), which must end with a path {@code /} so that a
 * prefix can never be extended into another host ({@code https://app.example.evil.test}). A target under
 * a prefix must be a normalised URI (no {@code .} or {@code ..} segments, no encoded dots) so that it
 * cannot climb out of the prefix's path.
 */
public final class RedirectAllowList {

    private final List<String> exact;
    private final List<String> prefixes;

    public RedirectAllowList(List<String> exact, List<String> prefixes) {
        this.exact = List.copyOf(exact);
        this.prefixes = List.copyOf(prefixes);
    }

    /**
     * Checks an allow-list entry when it is configured.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String checkEntry(String uri, boolean prefix) {
        URI parsed = parse(uri).orElseThrow(() -> new IllegalArgumentException("redirect URI '" + uri
                + "' is not a valid URI"));
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!parsed.isAbsolute() || parsed.getRawAuthority() == null || parsed.getRawFragment() != null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("redirect URI '" + uri + "' must be an absolute http(s) URI with a host "
                    + "and without a fragment");
        }
        if (prefix) {
            if (parsed.getRawQuery() != null || parsed.getRawPath() == null || !uri.endsWith("/")) {
                throw new IllegalArgumentException("redirect prefix '" + uri + "' must end with '/' and have no query, "
                        + "like 'https://app.example/pages/'");
            }
            if (!parsed.normalize().toString().equals(uri)) {
                throw new IllegalArgumentException("redirect prefix '" + uri + "' must be normalised (no . or .. segments)");
            }
        }
        return uri;
    }

    public boolean isEmpty() {
        return exact.isEmpty() && prefixes.isEmpty();
    }

    /**
     * Checks a target before anything is issued for it.
     *
     * @throws HttpException 400 when the target is not on the list or already carries {@code parameter}
     */
    public void check(String candidate, String parameter) {
        if (!allows(candidate)) {
            throw new HttpException(400, OAuthError.INVALID_REQUEST,
                    "the redirect URI is not on this server's allow-list");
        }
        String q = parse(candidate).orElseThrow().getRawQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                if (pair.equals(parameter) || pair.startsWith(parameter + "=")) {
                    throw new HttpException(400, OAuthError.INVALID_REQUEST,
                            "the redirect URI already has a '" + parameter + "' parameter");
                }
            }
        }
    }

    /**
     * The target with {@code parameter=value} added to its query.
     *
     * @throws HttpException 400 as {@link #check} does
     */
    public String target(String candidate, String parameter, String value) {
        check(candidate, parameter);
        String q = parse(candidate).orElseThrow().getRawQuery();
        String added = parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        return candidate + (q == null ? "?" : q.isEmpty() ? "" : "&") + added;
    }

    /** Whether the list holds this URI exactly, or a prefix it extends without leaving the prefix's path. */
    public boolean allows(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return false;
        }
        URI uri = parse(candidate).orElse(null);
        if (uri == null || uri.getRawFragment() != null) {
            return false;
        }
        if (exact.contains(candidate)) {
            return true;
        }
        boolean normalised = uri.normalize().toString().equals(candidate)
                && !candidate.toLowerCase(Locale.ROOT).contains("%2e")
                && !candidate.toLowerCase(Locale.ROOT).contains("%2f")
                && !candidate.toLowerCase(Locale.ROOT).contains("%5c");
        return normalised && prefixes.stream().anyMatch(candidate::startsWith);
    }

    private static Optional<URI> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(s));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
