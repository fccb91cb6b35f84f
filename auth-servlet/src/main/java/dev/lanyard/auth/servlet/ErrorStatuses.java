package dev.lanyard.auth.servlet;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.DuplicateException;
import dev.lanyard.auth.InvalidCredentialsException;
import dev.lanyard.auth.NotFoundException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.TemporarilyUnavailableException;
import dev.lanyard.auth.guard.LockedOutException;
import dev.lanyard.auth.servlet.internal.HttpException;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The one table from a failure to its HTTP status. {@link #rfc6749()} holds the defaults; an endpoint
 * that must answer one failure differently replaces that entry and keeps the rest:
 *
 * <pre>{@code
 * ErrorStatuses statuses = ErrorStatuses.rfc6749()
 *         .with(OAuthError.INVALID_GRANT, 401);          // an API whose clients expect 401 for a bad password
 * ErrorWriter errors = ErrorWriter.json(statuses);
 * }</pre>
 *
 * <p>A failure is looked up in the entries set with {@code with(..)} by its type (the nearest class in
 * its hierarchy with an entry), then by its {@link OAuthError}, then in the defaults the same way: an
 * entry one sets wins over every default, so {@code with(OAuthError.INVALID_GRANT, 401)} also answers a
 * locked-out user 401 (add {@code with(LockedOutException.class, 429)} to keep the 429). A request the
 * endpoint could not read (413, 415, 405) keeps the status it was refused with. A
 * {@link StoreException} is never looked up: it is always concealed, as 503 when transient and
 * 500 otherwise.
 *
 * <p>Tables are immutable: {@code with(..)} returns a new table with that one entry replaced (a later
 * {@code with(..)} for the same key wins). The class uses no servlet type.
 */
public final class ErrorStatuses {

    /** Seconds in the {@code Retry-After} of a 503 whose cause does not say when to retry. */
    private static final long DEFAULT_RETRY_AFTER = 5;

    /** Where a failure goes: its status, and whether its description is hidden behind a correlation id. */
    private record Entry(int status, boolean concealed) {
    }

    private static final ErrorStatuses RFC_6749 = defaults();
    private static final ErrorStatuses FIRST_PARTY_LOGIN = RFC_6749
            .with(LockedOutException.class, 429)
            .with(InvalidCredentialsException.class, 401)
            .with(OAuthError.INVALID_GRANT, 401)
            .with(OAuthError.INVALID_SCOPE, 403)
            .concealed(OAuthError.INVALID_CLIENT)
            .concealed(OAuthError.UNAUTHORIZED_CLIENT)
            .concealed(OAuthError.UNSUPPORTED_GRANT_TYPE)
            .concealed(OAuthError.INVALID_TOKEN)
            .concealed(OAuthError.INSUFFICIENT_SCOPE)
            .concealed(OAuthError.SERVER_ERROR);

    private final Map<Class<? extends AuthException>, Entry> defaultTypes;
    private final Map<OAuthError, Entry> defaultCodes;
    private final Map<Class<? extends AuthException>, Entry> types;
    private final Map<OAuthError, Entry> codes;

    private ErrorStatuses(Map<Class<? extends AuthException>, Entry> defaultTypes, Map<OAuthError, Entry> defaultCodes,
                          Map<Class<? extends AuthException>, Entry> types, Map<OAuthError, Entry> codes) {
        this.defaultTypes = defaultTypes;
        this.defaultCodes = defaultCodes;
        this.types = types;
        this.codes = codes;
    }

    private static ErrorStatuses defaults() {
        Map<Class<? extends AuthException>, Entry> types = new LinkedHashMap<>();
        types.put(LockedOutException.class, new Entry(429, false));
        types.put(DuplicateException.class, new Entry(409, false));
        types.put(NotFoundException.class, new Entry(404, false));
        Map<OAuthError, Entry> codes = new EnumMap<>(OAuthError.class);
        for (OAuthError error : OAuthError.values()) {
            codes.put(error, new Entry(400, false));
        }
        codes.put(OAuthError.INVALID_CLIENT, new Entry(401, false));
        codes.put(OAuthError.INVALID_TOKEN, new Entry(401, false));
        codes.put(OAuthError.INSUFFICIENT_SCOPE, new Entry(403, false));
        codes.put(OAuthError.SERVER_ERROR, new Entry(500, false));
        codes.put(OAuthError.TEMPORARILY_UNAVAILABLE, new Entry(503, false));
        return new ErrorStatuses(Collections.unmodifiableMap(types), Collections.unmodifiableMap(codes), Map.of(), Map.of());
    }

    /**
     * The defaults: RFC 6749 section 5.2 and RFC 6750 section 3.1 ({@code invalid_client} and
     * {@code invalid_token} 401, {@code insufficient_scope} 403, every other client error 400,
     * {@code server_error} 500, {@code temporarily_unavailable} 503), a duplicate 409, a missing
     * entity 404, a lockout or rate limit 429 (with {@code Retry-After}).
     *
     * @return the default table
     */
    public static ErrorStatuses rfc6749() {
        return RFC_6749;
    }

    /**
     * The table of a {@link LoginEndpoint}, which answers for its user: a wrong password or refused
     * grant 401, a scope beyond the user's 403, a lockout 429 (with {@code Retry-After}). The codes about
     * the client (missing, disabled, lacking the password grant) can only mean that the server's
     * first-party client is misconfigured: they are {@linkplain #concealed concealed}, as is
     * {@code server_error}.
     *
     * @return the first-party login's table
     */
    public static ErrorStatuses firstPartyLogin() {
        return FIRST_PARTY_LOGIN;
    }

    /**
     * This table with {@code error} answered {@code status}.
     *
     * @param error  the OAuth error code
     * @param status a 4xx or 5xx status
     * @return a new table
     * @throws IllegalArgumentException when {@code status} is not 4xx or 5xx
     */
    public ErrorStatuses with(OAuthError error, int status) {
        return withCode(error, new Entry(checked(status), false));
    }

    /**
     * This table with failures of {@code type} (and its subclasses without an entry of their own)
     * answered {@code status}.
     *
     * @param type   the failure's class, such as {@code DuplicateException.class}
     * @param status a 4xx or 5xx status
     * @return a new table
     * @throws IllegalArgumentException when {@code status} is not 4xx or 5xx, or {@code type} is
     *                                  {@link StoreException} or one of its subclasses (always concealed)
     */
    public ErrorStatuses with(Class<? extends AuthException> type, int status) {
        return withType(type, new Entry(checked(status), false));
    }

    /**
     * This table with {@code error} treated as the server's own fault: 500 {@code server_error} with a
     * correlation id, the failure logged under that id and its description never sent. For endpoints
     * where the error can only mean a misconfigured server, such as {@code invalid_client} at a
     * first-party login that authenticates no client.
     *
     * @param error the OAuth error code
     * @return a new table
     */
    public ErrorStatuses concealed(OAuthError error) {
        return withCode(error, new Entry(500, true));
    }

    private ErrorStatuses withCode(OAuthError error, Entry entry) {
        Objects.requireNonNull(error, "error");
        Map<OAuthError, Entry> next = new EnumMap<>(OAuthError.class);
        next.putAll(codes);
        next.put(error, entry);
        return new ErrorStatuses(defaultTypes, defaultCodes, types, Collections.unmodifiableMap(next));
    }

    private ErrorStatuses withType(Class<? extends AuthException> type, Entry entry) {
        Objects.requireNonNull(type, "type");
        if (StoreException.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("a store failure is always 500, or 503 when transient, and concealed");
        }
        Map<Class<? extends AuthException>, Entry> next = new LinkedHashMap<>(types);
        next.put(type, entry);
        return new ErrorStatuses(defaultTypes, defaultCodes, Collections.unmodifiableMap(next), codes);
    }

    private static int checked(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status must be 4xx or 5xx, got " + status);
        }
        return status;
    }

    /**
     * The status {@code e} is answered with.
     *
     * @param e the failure
     * @return a 4xx or 5xx status
     */
    public int status(AuthException e) {
        if (e instanceof StoreException store) {
            return store.isTransient() ? 503 : 500;
        }
        return entry(e).status();
    }

    /**
     * Whether {@code e} is answered as a generic server error (correlation id, cause logged) instead of
     * with its own code and description: every store failure, and the codes made {@link #concealed}.
     *
     * @param e the failure
     * @return true when the client must not see the failure's description
     */
    public boolean conceals(AuthException e) {
        return e instanceof StoreException || entry(e).concealed();
    }

    /**
     * The seconds of {@code Retry-After} for {@code e}: the rest of a lockout, or when a transient store
     * failure may be over (both rounded up, at least 1; 5 when a store failure does not say), 5 for any
     * other {@code temporarily_unavailable}; empty for other failures.
     *
     * @param e the failure
     * @return the seconds, or empty for no header
     */
    public static OptionalLong retryAfterSeconds(AuthException e) {
        if (e instanceof LockedOutException locked) {
            return OptionalLong.of(secondsRoundedUp(locked.retryAfter())); // 1.9 s left is "2", never "1"
        }
        if (e instanceof StoreException store && store.isTransient()) {
            return OptionalLong.of(store.retryAfter().map(ErrorStatuses::secondsRoundedUp).orElse(DEFAULT_RETRY_AFTER));
        }
        if (e instanceof TemporarilyUnavailableException) {
            return OptionalLong.of(DEFAULT_RETRY_AFTER); // for example every password-hash slot busy
        }
        return OptionalLong.empty();
    }

    private static long secondsRoundedUp(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private Entry entry(AuthException e) {
        if (e instanceof HttpException refused) {
            return new Entry(refused.status(), false);
        }
        Entry set = byType(types, e);
        if (set == null) {
            set = codes.get(e.error());
        }
        if (set == null) {
            set = byType(defaultTypes, e);
        }
        return set != null ? set : defaultCodes.get(e.error());
    }

    private static Entry byType(Map<Class<? extends AuthException>, Entry> entries, AuthException e) {
        if (entries.isEmpty()) {
            return null;
        }
        for (Class<?> c = e.getClass(); c != null && c != AuthException.class; c = c.getSuperclass()) {
            Entry entry = entries.get(c);
            if (entry != null) {
                return entry;
            }
        }
        return null;
    }
}
