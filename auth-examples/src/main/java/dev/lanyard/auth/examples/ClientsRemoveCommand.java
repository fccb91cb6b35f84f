package dev.lanyard.auth.examples;

import dev.lanyard.auth.NotFoundException;
import dev.lanyard.auth.admin.Sessions;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.internal.Identifiers;
import dev.lanyard.auth.password.PasswordHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clients remove ID}: deletes a client and ends the refresh families issued to it. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Deletes a client and ends its sessions at once: the refresh tokens issued to it are "
                + "revoked, with their live access tokens."})
final class ClientsRemoveCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The client id.")
    String id;

    @Mixin
    DataOptions data = new DataOptions();

    @Override
    public void run() {
        try (DataDir dir = data.openExisting()) {
            if (!dir.clientAdmin(PasswordHasher.defaults(), AuthEvents.none()).deleteClient(id)) {
                throw new NotFoundException("no client with id " + Identifiers.quote(id));
            }
            Sessions.Ended ended = dir.sessions(AuthEvents.none()).endClient(id);
            spec.commandLine().getOut().println("Removed client " + id + "; its sessions ended (refresh tokens "
                    + "revoked, " + ended.total() + " live access token" + (ended.total() == 1 ? "" : "s")
                    + " revoked).");
        }
    }
}
