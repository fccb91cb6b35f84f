package dev.lanyard.auth.examples;

import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.user.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Arrays;

/**
 * {@code users set-password USERNAME}: a new password, read as {@code users add} reads one, and the end of
 * every session the user had (whoever knew the old password may hold one).
 */
@Command(name = "set-password", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sets a user's password and ends the user's sessions. The password is asked for at the "
                + "terminal (not echoed), or read as one line from standard input when there is no terminal "
                + "or with --password-stdin."})
final class UsersSetPasswordCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "USERNAME", description = "The user's login name.")
    String username;

    @Mixin
    PasswordInput passwordInput = new PasswordInput();

    @Mixin
    DataOptions data = new DataOptions();

    @Override
    public void run() {
        passwordInput.refuseArgument();
        try (DataDir dir = data.openExisting()) {
            User user = UsersCommand.named(dir, username);
            char[] password = passwordInput.read(username);
            try {
                dir.userAdmin(PasswordHasher.defaults(), AuthEvents.none()).setPassword(user.id(), password);
            } finally {
                Arrays.fill(password, '\0');
            }
            spec.commandLine().getOut().println("Set the password of user " + user.username() + "; "
                    + UsersCommand.ended(dir.sessions(AuthEvents.none()).endUser(user.id())));
        }
    }
}
