package dev.lanyard.auth.examples;

import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.user.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code users disable USERNAME}: the user can no longer log in, and what the user holds dies now. */
@Command(name = "disable", mixinStandardHelpOptions = true,
        description = {"Disables a user: logins are refused (as for a wrong password) and the user's sessions "
                + "end at once (refresh tokens and live access tokens revoked). 'users enable' lets the user "
                + "log in again."})
final class UsersDisableCommand implements Runnable {

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
            dir.userAdmin(PasswordHasher.defaults(), AuthEvents.none()).setEnabled(user.id(), false);
            spec.commandLine().getOut().println("Disabled user " + user.username() + "; "
                    + UsersCommand.ended(dir.sessions(AuthEvents.none()).endUser(user.id())));
        }
    }
}
