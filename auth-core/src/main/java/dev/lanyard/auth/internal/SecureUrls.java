package dev.lanyard.auth.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The checks that keep insecure URLs out of a configuration: an issuer (RFC 8414 section 2: https, no
 * query, no fragment) and a key set fetched over the network. Plain http is accepted for loopback hosts
 * only, where nobody between the two ends can read or change the traffic, so development needs no opt-in.
 */
public final class SecureUrls {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    private SecureUrls() {
    }

    /**
     * Checks an issuer identifier.
     *
     * @param insecureAllowed whether plain http to any host was explicitly accepted (development only)
     * @param optIn           the setting that accepts it, for the message; null when there is none
     * @return the issuer, unchanged
     * @throws IllegalArgumentException saying what to change
     */
    public static String issuer(String issuer, boolean insecureAllowed, String optIn) {
        URI uri = absolute(issuer, "issuer");
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("issuer '" + printable(issuer) + "' must have no query and no "
                    + "fragment (RFC 8414 section 2)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("issuer '" + printable(issuer) + "' must not carry user info");
        }
        requireHttps(uri, issuer, "issuer", insecureAllowed, optIn);
        return issuer;
    }

    /**
     * Checks the URL of a resource fetched over the network (a JWKS).
     *
     * @throws IllegalArgumentException saying what to change
     */
    public static void remote(URI uri, String what, boolean insecureAllowed, String optIn) {
        absolute(uri.toString(), what);
        requireHttps(uri, uri.toString(), what, insecureAllowed, optIn);
    }

    /** Whether the host is a loopback name or address, decided without a DNS lookup. */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || IPV4_LOOPBACK.matcher(h).matches()
                || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    private static URI absolute(String value, String what) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " '" + printable(value) + "' is not a URL; give an absolute "
                    + "https URL such as https://auth.example");
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException(what + " '" + printable(value) + "' is not an absolute http(s) URL "
                    + "with a host; give one such as https://auth.example");
        }
        return uri;
    }

    private static void requireHttps(URI uri, String value, String what, boolean insecureAllowed, String optIn) {
        if ("https".equalsIgnoreCase(uri.getScheme()) || insecureAllowed || isLoopback(uri.getHost())) {
            return;
        }
        throw new IllegalArgumentException(what + " '" + printable(value) + "' uses plain http to a host that "
                + "is not loopback, so anyone on the way can read or change it; use https (http is accepted for "
                + "localhost and 127.0.0.1)" + (optIn == null ? "" : ", or for development only " + optIn));
    }

    /** The value as it may appear in a message: cut, and without control or non-ASCII characters. */
    private static String printable(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
