package dev.lanyard.auth.examples;

import dev.lanyard.auth.token.AccessTokenIssuer;
import dev.lanyard.auth.token.AccessTokenRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;

/** {@code token mint}: an access token signed with the ring's active key, alone on standard output. */
@Command(name = "mint", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Mints an RFC 9068 access token with the data directory's active key and prints it, "
                + "and only it, on standard output (so it can be piped).",
                "Nothing is recorded and the client is not looked up: the token is for testing a resource server."})
final class TokenMintCommand implements Runnable {

    static final String DEFAULT_ISSUER = "http://localhost:8080";
    private static final long MAX_TTL = 3600;

    @Spec
    CommandSpec spec;

    @Option(names = "--subject", required = true, paramLabel = "SUB", description = "The 'sub' claim: a user id, or the client id.")
    String subject;

    @Option(names = "--client-id", required = true, paramLabel = "ID", description = "The 'client_id' claim.")
    String clientId;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "A scope (repeatable).")
    List<String> scopes = List.of();

    @Option(names = "--ttl", paramLabel = "SECONDS", defaultValue = "900",
            description = "Lifetime in seconds, at most 3600 (default: ${DEFAULT-VALUE}).")
    long ttl;

    @Option(names = "--issuer", paramLabel = "URL", defaultValue = DEFAULT_ISSUER,
            description = "The 'iss' claim (default: ${DEFAULT-VALUE}, serve's default on port 8080).")
    String issuer;

    @Option(names = "--audience", paramLabel = "URL", description = "The 'aud' claim (default: the issuer, as serve uses).")
    String audience;

    @Mixin
    DataOptions data = new DataOptions();

    @Override
    public void run() {
        if (ttl <= 0 || ttl > MAX_TTL) {
            throw new IllegalArgumentException("--ttl must be between 1 and " + MAX_TTL + " seconds, got " + ttl);
        }
        AccessTokenRequest request = AccessTokenRequest.builder(subject, clientId).scopes(scopes).build();
        AccessTokenIssuer minter = AccessTokenIssuer.builder()
                .issuer(issuer)
                .audience(audience != null ? audience : issuer)
                .keys(KeyRingFile.existing(data).load())
                .lifetime(Duration.ofSeconds(ttl))
                .build();
        spec.commandLine().getOut().println(minter.issue(request).value());
        spec.commandLine().getOut().flush();
    }
}
