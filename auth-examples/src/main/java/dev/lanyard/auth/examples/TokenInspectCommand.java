package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lanyard.auth.key.KeyRing;
import dev.lanyard.auth.token.AccessTokenVerifier;
import dev.lanyard.auth.token.InvalidTokenException;
import dev.lanyard.auth.token.RevocationList;
import dev.lanyard.auth.token.VerifiedToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Callable;

/**
 * {@code token inspect}: decodes a token and verifies it as a resource server would. Exit 1 when it is
 * not valid. The token itself is never printed back.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints a token's header and claims, then verifies it with the data directory's key ring "
                + "and revocation list, as strictly as a resource server does.",
                "Exit code 1 when the token is not valid."})
final class TokenInspectCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int MAX_INPUT = 65_536;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TOKEN", arity = "0..1",
            description = "The token; read from standard input when absent or '-' (keeps it out of shell history).")
    String token;

    @Option(names = "--issuer", paramLabel = "URL", description = "The issuer to expect (default: the token's 'iss').")
    String issuer;

    @Option(names = "--audience", paramLabel = "URL", description = "The audience to expect (default: the token's first 'aud').")
    String audience;

    @Mixin
    DataOptions data = new DataOptions();

    @Override
    public Integer call() {
        String jwt = token == null || token.equals("-") ? readStdin() : token.strip();
        if (jwt.regionMatches(true, 0, "Bearer ", 0, 7)) {
            jwt = jwt.substring(7).strip();
        }
        if (jwt.isEmpty()) {
            throw new IllegalArgumentException("no token: give it as an argument or on standard input");
        }
        PrintWriter out = spec.commandLine().getOut();
        String[] parts = jwt.split("\\.", -1);
        JsonNode header = parts.length == 3 ? decode(parts[0]) : null;
        JsonNode claims = parts.length == 3 ? decode(parts[1]) : null;
        out.println("Header:");
        out.println(header != null ? pretty(header) : "(cannot be decoded)");
        out.println("Claims:");
        out.println(claims != null ? pretty(claims) : "(cannot be decoded)");

        String verdict;
        boolean valid = false;
        String iss = issuer != null ? issuer : text(claims, "iss");
        String aud = audience != null ? audience : firstAudience(claims);
        if (header == null || claims == null) {
            verdict = "NOT valid: not a JWT (a JWT is three base64url parts, header.claims.signature, with JSON in the"
                    + " first two)";
        } else if (iss == null) {
            verdict = "NOT valid: the token has no 'iss' claim (give --issuer to check it against one)";
        } else if (aud == null) {
            verdict = "NOT valid: the token has no 'aud' claim (give --audience to check it against one)";
        } else {
            KeyRing keys = KeyRingFile.existing(data).load(); // before opening: never create a data dir here
            boolean database = data.hasDatabase(); // a key ring alone ('keys generate') has revoked nothing yet
            try (DataDir dir = database ? data.openExisting() : null) {
                VerifiedToken verified = AccessTokenVerifier.builder()
                        .issuer(iss)
                        .audience(aud)
                        .keys(keys)
                        .revocations(dir != null ? dir.revocations() : RevocationList.none())
                        .cacheSize(0)
                        .build()
                        .verify(jwt);
                valid = true;
                verdict = "signature valid (key " + verified.kid() + "), expires in "
                        + human(Duration.between(Instant.now(), verified.expiresAt())) + " (" + verified.expiresAt() + ")"
                        + (database ? "" : "; no database in the data directory, so no revocation to check");
            } catch (InvalidTokenException e) {
                verdict = "NOT valid: " + LanyardCli.oneLine(e);
            }
        }
        out.println(verdict);
        out.flush();
        return valid ? 0 : 1;
    }

    private static String readStdin() {
        try {
            byte[] bytes = System.in.readNBytes(MAX_INPUT + 1);
            if (bytes.length > MAX_INPUT) {
                throw new IllegalArgumentException("standard input holds more than " + MAX_INPUT + " bytes; a token is far shorter");
            }
            return new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token from standard input", e);
        }
    }

    /** The JSON object in a base64url part, or null; never says why, lest it quote the input. */
    private static JsonNode decode(String part) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(part));
            return node != null && node.isObject() ? node : null;
        } catch (IllegalArgumentException | IOException e) {
            return null;
        }
    }

    private static String pretty(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode claims, String name) {
        JsonNode value = claims == null ? null : claims.get(name);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String firstAudience(JsonNode claims) {
        JsonNode aud = claims == null ? null : claims.get("aud");
        if (aud != null && aud.isArray() && aud.size() > 0) {
            aud = aud.get(0);
        }
        return aud != null && aud.isTextual() && !aud.asText().isBlank() ? aud.asText() : null;
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format("%dh %02dm %02ds", s / 3600, s % 3600 / 60, s % 60)
                : s >= 60 ? String.format("%dm %02ds", s / 60, s % 60) : s + "s";
    }
}
