package dev.lanyard.auth.servlet;

import java.nio.file.Path;

/** The web.xml scenarios in embedded Tomcat 10.1 ({@code Tomcat.addWebapp}). */
class WebXmlTomcatTest extends WebXmlContract {

    @Override
    WebXmlServer deploy(Path docBase) {
        return TomcatTestServer.webapp(docBase);
    }

    /** Tomcat does not map a context that failed to start: 404. */
    @Override
    int unavailableStatus() {
        return 404;
    }
}
