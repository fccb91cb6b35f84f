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

    public ImportException(String message) {
        super(OAuthError.INVALID_REQUEST, message);
    }

    public ImportException(String message, Throwable cause) {
        super(OAuthError.INVALID_REQUEST, message, cause);
    }
}
