package dev.lanyard.auth.examples;

import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.password.PasswordHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clients revoke-secret ID SECRET_ID}: ends one secret of a client, after a rotation. */
@Command(name = "revoke-secret", mixinStandardHelpOptions = true,
        description = {"Revokes one secret of a client (its id is shown by rotate-secret and in 'clients list').",
                "The last secret of a confidential client cannot be revoked: rotate first."})
final class ClientsRevokeSecretCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The client id.")
    String id;

    @Parameters(index = "1", paramLabel = "SECRET_ID", description = "The secret's id, e.g. s-gLBFCgNX.")
    String secretId;

    @Mixin
    DataOptions data = new DataOptions();

    @Override
    public void run() {
        try (DataDir dir = data.open()) {
            dir.clientAdmin(PasswordHasher.defaults(), AuthEvents.none()).revokeSecret(id, secretId);
        } catch (IllegalStateException lastSecret) {
            throw new IllegalArgumentException(lastSecret.getMessage(), lastSecret); // a refused request: exit 2
        }
        spec.commandLine().getOut().println("Revoked secret " + secretId + " of client " + id
                + "; requests with it are refused from now on.");
    }
}
