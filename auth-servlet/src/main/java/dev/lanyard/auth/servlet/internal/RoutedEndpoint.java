package dev.lanyard.auth.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * An endpoint whose allowed methods are configuration, not code: every method (TRACE included) reaches
 * {@link #handle}, which answers 405 for the ones it does not allow; every response keeps
 * {@code Cache-Control: no-store}, even after an error resets it.
 */
public abstract class RoutedEndpoint extends EndpointServlet {

    private static final long serialVersionUID = 1L;

    /** An endpoint answering failures with the default JSON error writer. */
    protected RoutedEndpoint() {
    }

    /**
     * An endpoint answering failures with this writer.
     *
     * @param errors the endpoint's error writer
     */
    protected RoutedEndpoint(dev.lanyard.auth.servlet.ErrorWriter errors) {
        super(errors);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        super.service(request, NoStoreResponse.of(response));
    }

    /**
     * Handles a request of any method; answer 405 (with {@code Allow}) for the methods not configured.
     *
     * @param request  the request, of any method
     * @param response the response, already marked {@code no-store}
     * @throws IOException when the request cannot be read or the response written
     */
    protected abstract void handle(HttpServletRequest request, HttpServletResponse response) throws IOException;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response);
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response);
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response);
    }

    @Override
    protected void doTrace(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response);
    }
}
