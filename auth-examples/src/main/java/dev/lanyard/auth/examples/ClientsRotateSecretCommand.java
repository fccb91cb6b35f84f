package dev.lanyard.auth.examples;

import dev.lanyard.auth.admin.IssuedSecret;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.password.PasswordHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** {@code clients rotate-secret ID}: adds a generated secret, shown once; the old ones keep working. */
@Command(name = "rotate-secret", mixinStandardHelpOptions = true,
        description = {"Adds a new generated secret to a confidential client and prints it this once.",
                "The client's existing secrets keep working, so its callers can move over without downtime."})
final class ClientsRotateSecretCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The client id.")
    String id;

    @Mixin
    DataOptions data = new DataOptions();

    @Override
    public void run() {
        IssuedSecret secret;
        int total;
        try (DataDir dir = data.open()) {
            secret = dir.clientAdmin(PasswordHasher.defaults(), AuthEvents.none()).rotateSecret(id);
            total = dir.clients().findById(id).map(c -> c.secrets().size()).orElse(1);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("New secret " + secret.secretId() + " for client " + id
                + " (shown this once; only its digest is stored):");
        out.println(secret.secret());
        out.println("The client's " + (total - 1) + " older secret(s) keep working until revoked.");
    }
}
