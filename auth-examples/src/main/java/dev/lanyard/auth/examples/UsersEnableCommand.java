package dev.lanyard.auth.examples;

import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.user.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code users enable USERNAME}: a disabled user may log in again (sessions ended by disable stay ended). */
@Command(name = "enable", mixinStandardHelpOptions = true,
        description = {"Enables a user disabled before: the user may log in again. Sessions ended when the user "
                + "was disabled stay ended."})
final class UsersEnableCommand implements Runnable {

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
            dir.userAdmin(PasswordHasher.defaults(), AuthEvents.none()).setEnabled(user.id(), true);
            spec.commandLine().getOut().println("Enabled user " + user.username() + "; no sessions ended, "
                    + "the user may log in again.");
        }
    }
}
