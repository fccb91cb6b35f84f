package dev.lanyard.auth.servlet.internal;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response that keeps {@code Cache-Control: no-store} and {@code Pragma: no-cache} even through
 * {@link #reset()}, which {@link Responses#serverError} calls: every answer of an endpoint that hands
 * out tokens or secrets stays uncacheable, errors included.
 */
public final class NoStoreResponse extends HttpServletResponseWrapper {

    private NoStoreResponse(HttpServletResponse response) {
        super(response);
        Responses.noStore(response);
    }

    /** Wraps the response and sets the headers now. */
    public static HttpServletResponse of(HttpServletResponse response) {
        return response instanceof NoStoreResponse ? response : new NoStoreResponse(response);
    }

    @Override
    public void reset() {
        super.reset();
        Responses.noStore(this);
    }
}
