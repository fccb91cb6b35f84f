package dev.lanyard.auth.admin;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;

/**
 * An import file (or list) was refused as a whole; nothing was written. The message names the source,
 * the entry and its line, and what was wrong, for example
 * {@code users.yaml: entry 600 (line 2398): unknown field 'pasword'}. Maps to {@code invalid_request}.
 *
 * <pre>{@code
 * try {
 *     admin.importUsers(Files.readString(file), file.toString(), ImportProgress.none());
 * } catch (ImportException e) {
 *     System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public class ImportException extends AuthException {

    private static final long serialVersionUID = 1L;

    /**
     * Reports an import that was refused as a whole.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     */
    public ImportException(String message) {
        super(OAuthError.INVALID_REQUEST, message);
    }

    /**
     * Reports an import that was refused as a whole, with the failure behind it.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     * @param cause   the parser's or library's exception
     */
    public ImportException(String message, Throwable cause) {
        super(OAuthError.INVALID_REQUEST, message, cause);
    }
}
