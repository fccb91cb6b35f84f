package dev.lanyard.auth.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The application behind a web.xml-configured {@link BearerTokenFilter}: says who the container thinks
 * the caller is, and which path it routed. Public with a public constructor: containers instantiate it
 * from {@code <servlet-class>}.
 */
public final class WebXmlHelloServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().print("user=" + req.getRemoteUser() + " auth=" + req.getAuthType() + " path=" + path);
    }
}
