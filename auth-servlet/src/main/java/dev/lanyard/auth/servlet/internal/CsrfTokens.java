package dev.lanyard.auth.servlet.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CSRF protection for a login form without server sessions: a signed double-submit token.
 *
 * <p>The browser holds a random value in an {@code HttpOnly; SameSite=Lax} cookie scoped to the
 * endpoint's path; the form carries {@code expiry.HMAC(key, cookie value, expiry, bound values)}. A
 * submission passes only when the cookie is sent (no browser sends a {@code Lax} cookie with a cross-site
 * POST), the MAC matches that cookie and the request parameters it was issued for, and it has not
 * expired. The MAC means a cookie planted by a sibling subdomain is worthless without a matching
 * signature, and a token cannot be moved to another authorization request.
 *
 * <p>{@code Lax} rather than {@code Strict}: the flow starts with a cross-site navigation from the app,
 * which would not carry a strict cookie, so every new flow would replace the value and break the forms
 * already open in other tabs. {@code Lax} sends it with that top-level GET, and the value is reused; a
 * cross-site POST is refused either way.
 *
 * <p>The key is random per instance: several nodes need sticky sessions for the login page, or a form
 * posted to another node is refused (403) and the user starts over.
 */
public final class CsrfTokens {

    /** The cookie holding the browser's random value. */
    public static final String COOKIE = "lanyard_csrf";
    /** The form field holding the signed token. */
    public static final String FIELD = "csrf_token";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern TOKEN = Pattern.compile("([0-9]{1,12})\\.([A-Za-z0-9_-]{43})");
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9/._~-]*");
    private static final int MAX_COOKIES = 8;

    private final byte[] key = new byte[32];
    private final Duration lifetime;
    private final Clock clock;

    /** What {@link #verify} found. */
    public enum Check {
        VALID, MISSING, INVALID, EXPIRED
    }

    public CsrfTokens(Duration lifetime, Clock clock) {
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
        RANDOM.nextBytes(key);
    }

    /**
     * The browser's value: the one its cookie already holds (so several tabs share it), or a new one.
     * Either way, call {@link #setCookie} with it to (re)start the cookie's lifetime.
     */
    public String browserValue(HttpServletRequest request) {
        List<String> existing = cookieValues(request);
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Sets the cookie, scoped to the endpoint's own path. */
    public void setCookie(HttpServletRequest request, HttpServletResponse response, String value) {
        String path = request.getContextPath() + request.getServletPath()
                + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!SAFE_PATH.matcher(path).matches()) {
            path = "/";
        }
        response.addHeader("Set-Cookie", COOKIE + "=" + value + "; Path=" + path + "; Max-Age=" + lifetime.toSeconds()
                + "; HttpOnly; SameSite=Lax" + (request.isSecure() ? "; Secure" : ""));
    }

    /** A token for the form, bound to the browser's value and to {@code bound} (the request's parameters). */
    public String issue(String browserValue, List<String> bound) {
        long expiry = clock.instant().plus(lifetime).getEpochSecond();
        return expiry + "." + mac(browserValue, expiry, bound);
    }

    /** Checks a submitted token against the request's cookie, in constant time. */
    public Check verify(HttpServletRequest request, String token, List<String> bound) {
        List<String> values = cookieValues(request);
        if (token == null || token.isEmpty() || values.isEmpty()) {
            return Check.MISSING;
        }
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            return Check.INVALID;
        }
        long expiry = Long.parseLong(m.group(1));
        byte[] given = m.group(2).getBytes(StandardCharsets.US_ASCII);
        boolean matches = false;
        for (String value : values) {
            matches |= MessageDigest.isEqual(given, mac(value, expiry, bound).getBytes(StandardCharsets.US_ASCII));
        }
        if (!matches) {
            return Check.INVALID;
        }
        return clock.instant().getEpochSecond() < expiry ? Check.VALID : Check.EXPIRED;
    }

    private static List<String> cookieValues(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return List.of();
        }
        return Arrays.stream(cookies).filter(c -> COOKIE.equals(c.getName())).map(Cookie::getValue)
                .filter(v -> v != null && VALUE.matcher(v).matches()).limit(MAX_COOKIES).toList();
    }

    private String mac(String browserValue, long expiry, List<String> bound) {
        StringBuilder message = new StringBuilder("lanyard-authorize-csrf-v1");
        append(message, browserValue);
        append(message, Long.toString(expiry));
        bound.forEach(v -> append(message, v));
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] out = hmac.doFinal(message.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Length-prefixed, so that no two different lists of values give the same message. */
    private static void append(StringBuilder message, String value) {
        message.append('|');
        if (value == null) {
            message.append('-');
        } else {
            message.append(value.length()).append(':').append(value);
        }
    }
}
