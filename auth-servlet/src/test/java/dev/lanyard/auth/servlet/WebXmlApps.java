package dev.lanyard.auth.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Web applications made of one {@code WEB-INF/web.xml} from the test resources under {@code webxml/}. */
final class WebXmlApps {

    private WebXmlApps() {
    }

    /**
     * Copies {@code webxml/<scenario>/WEB-INF/web.xml} to {@code <into>/<scenario>/WEB-INF/web.xml},
     * replacing each {@code @NAME@} placeholder, and returns the new document base.
     */
    static Path deploy(String scenario, Path into, Map<String, String> placeholders) {
        String resource = "/webxml/" + scenario + "/WEB-INF/web.xml";
        String xml;
        try (InputStream in = WebXmlApps.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            xml = xml.replace("@" + p.getKey() + "@", p.getValue());
        }
        if (xml.matches("(?s).*@[A-Z_]+@.*")) {
            throw new IllegalArgumentException(resource + " still has a placeholder: " + placeholders.keySet());
        }
        Path docBase = into.resolve(scenario);
        try {
            Files.createDirectories(docBase.resolve("WEB-INF"));
            Files.writeString(docBase.resolve("WEB-INF/web.xml"), xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docBase;
    }
}
