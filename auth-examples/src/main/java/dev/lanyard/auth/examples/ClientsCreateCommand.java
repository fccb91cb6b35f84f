package dev.lanyard.auth.examples;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.auth.admin.ClientAdmin;
import dev.lanyard.auth.admin.IssuedSecret;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.PrivateKeyJwt;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.password.PasswordHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/** {@code clients create}: a new client, and for a confidential one its generated secret, shown once. */
@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Creates a client. A confidential client gets a generated secret (256 random bits), "
                + "printed this once: only its digest is stored."})
final class ClientsCreateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "The client id.")
    String id;

    @Option(names = "--grant", paramLabel = "GRANT", description = "An allowed grant (repeatable): client_credentials, "
            + "refresh_token, authorization_code, password (default: client_credentials and refresh_token; "
            + "authorization_code and refresh_token with --public).")
    List<String> grants;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "A scope the client may hold (repeatable).")
    List<String> scopes = List.of();

    @Option(names = "--redirect-uri", paramLabel = "URI", description = "An exact redirect URI for authorization_code (repeatable).")
    List<String> redirectUris = List.of();

    @Option(names = "--public", description = "A public client (a browser or mobile app): no secret, PKCE required.")
    boolean publicClient;

    @Option(names = "--app-id", paramLabel = "APP")
    String appId;

    @Option(names = "--jwks", paramLabel = "FILE", description = "A JWK set file ({\"keys\": [...]}) of the client's "
            + "public keys: the client authenticates with private_key_jwt (signed assertions) and gets no secret.")
    Path jwksFile;

    @Option(names = "--jwks-uri", paramLabel = "URL", description = "Where the client publishes its public keys "
            + "(https): the client authenticates with private_key_jwt and gets no secret.")
    String jwksUri;

    @Mixin
    DataOptions data = new DataOptions();

    @Override
    public void run() {
        Client.Builder b = Client.builder(id).scopes(scopes).redirectUris(redirectUris).appId(appId);
        if (jwksFile != null || jwksUri != null) {
            b.tokenEndpointAuthMethod(PrivateKeyJwt.NAME).jwks(jwksFile == null ? null : jwkSet(jwksFile)).jwksUri(jwksUri);
        }
        if (publicClient) {
            b.publicClient().grants(grants != null ? grants : List.of("authorization_code", "refresh_token"));
        } else if (grants != null) {
            b.grants(grants);
        }
        Client client = b.build();
        ClientAdmin.Created created;
        try (DataDir dir = data.open()) {
            created = dir.clientAdmin(PasswordHasher.defaults(), AuthEvents.none()).createClient(client);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Created " + (publicClient ? "public" : "confidential") + " client " + id
                + " (grants " + Table.joined(created.client().grants()).replace(",", ", ") + ")"
                + (created.client().tokenEndpointAuthMethod().filter(PrivateKeyJwt.NAME::equals).isPresent()
                ? ", authenticating with private_key_jwt" : ""));
        created.secret().ifPresent((IssuedSecret s) -> {
            out.println("Client secret " + s.secretId() + " (shown this once; only its digest is stored):");
            out.println(s.secret());
        });
    }

    /** @throws IllegalArgumentException naming the file when it is not a JSON object */
    private static Map<String, Object> jwkSet(Path file) {
        try {
            return JSONObjectUtils.parse(InputFiles.read(file));
        } catch (ParseException e) {
            throw new IllegalArgumentException(file + ": not a JSON object (a JWK set is {\"keys\": [...]})", e);
        }
    }
}
