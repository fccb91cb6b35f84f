/**
 * Lanyard's core: keys, access tokens and their verification, refresh-token families, the stores,
 * password hashing, the OAuth 2.0 grants and {@link dev.lanyard.auth.TokenService}.
 *
 * <p>Every package is exported except those named {@code internal}, which carry no compatibility
 * promise; {@code dev.lanyard.auth.internal} is open to the servlet layer only. Bouncy Castle and the
 * YAML parser are optional ({@code requires static}): see the README's "Which feature needs which
 * dependency".
 *
 * <pre>{@code
 * module com.example.app {
 *     requires dev.lanyard.auth.core;
 * }
 * }</pre>
 */
// "requires-automatic": PRECIS has no module descriptor of its own yet; "module": the servlet layer
// (dev.lanyard.auth.servlet, an automatic module) is not in this build's module graph
@SuppressWarnings({"requires-automatic", "module"})
module dev.lanyard.auth.core {
    requires transitive com.nimbusds.jose.jwt;
    requires transitive com.fasterxml.jackson.databind;
    requires transitive java.sql;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;
    requires rocks.xmpp.precis;
    requires static org.bouncycastle.provider;
    requires static com.fasterxml.jackson.dataformat.yaml;
    requires static org.yaml.snakeyaml;

    exports dev.lanyard.auth;
    exports dev.lanyard.auth.admin;
    exports dev.lanyard.auth.client;
    exports dev.lanyard.auth.event;
    exports dev.lanyard.auth.grant;
    exports dev.lanyard.auth.guard;
    exports dev.lanyard.auth.jdbc;
    exports dev.lanyard.auth.key;
    exports dev.lanyard.auth.password;
    exports dev.lanyard.auth.reference;
    exports dev.lanyard.auth.refresh;
    exports dev.lanyard.auth.token;
    exports dev.lanyard.auth.user;
    exports dev.lanyard.auth.internal to dev.lanyard.auth.servlet;
}
