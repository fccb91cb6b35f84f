package dev.lanyard.auth.servlet.internal;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;

/** A client error found while reading a request, with the HTTP status it deserves (413, 415, 400). */
public final class HttpException extends AuthException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpException(int status, OAuthError error, String message) {
        super(error, message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
