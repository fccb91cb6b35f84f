package dev.lanyard.auth.servlet;

import org.junit.jupiter.api.Tag;

import java.nio.file.Path;

/**
 * The web.xml scenarios in embedded Tomcat ({@code Tomcat.addWebapp}): run twice, on Tomcat 10.1 and on
 * Tomcat 11 (the surefire execution {@code tomcat11}, which selects the tag {@code tomcat}).
 */
@Tag("tomcat")
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
