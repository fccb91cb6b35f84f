package dev.lanyard.auth.examples;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.token.AccessTokenIssuer;
import dev.lanyard.auth.token.AccessTokenRequest;
import dev.lanyard.auth.token.AccessTokenVerifier;
import dev.lanyard.auth.token.IssuedToken;
import dev.lanyard.auth.token.VerifiedToken;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo: until the HTTP server lands, it shows the core at work. It keeps a key ring in
 * {@code ./lanyard-data} (created on first run, reused afterwards), mints an access token, verifies it,
 * shows that a tampered copy is refused, and prints the public JWKS.
 *
 * <pre>{@code
 * java -jar auth-examples/target/lanyard-demo.jar [DATA_DIR]
 * }</pre>
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            System.err.println("usage: java -jar lanyard-demo.jar [DATA_DIR]   (default ./lanyard-data)");
            System.exit(2);
        }
        run(Path.of(args.length == 1 ? args[0] : "lanyard-data"), System.out);
    }

    static void run(Path dataDir, PrintStream out) {
        Path keyFile = dataDir.resolve("keys.jwks.json");
        boolean fresh = !keyFile.toFile().exists();
        KeyManager keys = KeyManager.builder().file(keyFile).build();
        out.println((fresh ? "Created" : "Loaded") + " key ring " + keys.current() + " in " + keyFile);

        String issuerUrl = "http://localhost:8080";
        String audience = "http://localhost:8080/api";
        AccessTokenIssuer issuer = AccessTokenIssuer.builder().issuer(issuerUrl).audience(audience).keys(keys).build();
        AccessTokenVerifier verifier = AccessTokenVerifier.builder().issuer(issuerUrl).audience(audience).keys(keys)
                .build();

        IssuedToken token = issuer.issue(AccessTokenRequest.builder("demo-client", "demo-client")
                .scopes(List.of("demo:read")).build());
        out.println("Minted access token jti=" + token.jti() + " (" + token.value().length()
                + " characters, expires " + token.expiresAt() + ")");

        VerifiedToken verified = verifier.verify(token.value());
        out.println("Verified: sub=" + verified.subject() + " client_id=" + verified.clientId()
                + " scope=" + verified.scopes() + " kid=" + verified.kid());

        String tampered = token.value().replaceFirst("\\.", ".e30");
        try {
            verifier.verify(tampered);
            out.println("BUG: a tampered token was accepted");
        } catch (AuthException e) {
            out.println("Tampered copy refused: " + e.error().code() + " (" + e.getMessage() + ")");
        }
        out.println("Public JWKS (what /oauth2/jwks will serve):");
        out.println(keys.current().publicJwkSetJson());
    }
}
