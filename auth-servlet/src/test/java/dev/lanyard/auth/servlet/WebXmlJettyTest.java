package dev.lanyard.auth.servlet;

import java.nio.file.Path;

/** The web.xml scenarios in embedded Jetty 12 ({@code ee10 WebAppContext}). */
class WebXmlJettyTest extends WebXmlContract {

    @Override
    WebXmlServer deploy(Path docBase) {
        return WebXmlJettyServer.webapp(docBase);
    }

    /** Jetty keeps the failed context mapped and unavailable: 503. */
    @Override
    int unavailableStatus() {
        return 503;
    }
}
