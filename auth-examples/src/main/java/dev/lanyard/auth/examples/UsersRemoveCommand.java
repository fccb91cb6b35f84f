package dev.lanyard.auth.examples;

import dev.lanyard.auth.NotFoundException;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.internal.Identifiers;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.user.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code users remove USERNAME}: deletes a user and ends the user's sessions. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Deletes a user and ends the user's sessions at once (refresh tokens and live access "
                + "tokens revoked)."})
final class UsersRemoveCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "USERNAME", description = "The user's login name.")
    String username;

    @Mixin
    DataOptions data = new DataOptions();

    @Override
    public void run() {
        try (DataDir dir = data.openExisting()) {
            User user = UsersCommand.named(dir, username);
            if (!dir.userAdmin(PasswordHasher.defaults(), AuthEvents.none()).deleteUser(user.id())) {
                throw new NotFoundException("no user named " + Identifiers.quote(username)); // removed meanwhile
            }
            spec.commandLine().getOut().println("Removed user " + user.username() + "; "
                    + UsersCommand.ended(dir.sessions(AuthEvents.none()).endUser(user.id())));
        }
    }
}
