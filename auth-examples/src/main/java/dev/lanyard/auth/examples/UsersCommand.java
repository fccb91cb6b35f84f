package dev.lanyard.auth.examples;

import dev.lanyard.auth.NotFoundException;
import dev.lanyard.auth.admin.Sessions;
import dev.lanyard.auth.internal.Identifiers;
import dev.lanyard.auth.user.User;
import picocli.CommandLine.Command;

/** {@code users}: the users of the data directory. */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Imports, adds, lists, disables, enables and removes the users of the data directory, "
                + "and sets their passwords.",
        subcommands = {UsersImportCommand.class, UsersAddCommand.class, UsersListCommand.class,
                UsersSetPasswordCommand.class, UsersDisableCommand.class, UsersEnableCommand.class,
                UsersRemoveCommand.class})
final class UsersCommand {

    /** The user with this username; exit 1 when there is none. */
    static User named(DataDir dir, String username) {
        if (!Identifiers.isClean(username)) {
            throw new NotFoundException("no user has a username with control or invisible characters");
        }
        return dir.users().findByUsername(username)
                .orElseThrow(() -> new NotFoundException("no user named " + Identifiers.quote(username)));
    }

    /** The end of a line saying what was done: how many tokens stopped working. */
    static String ended(Sessions.Ended ended) {
        return "the user's sessions ended (refresh tokens revoked, " + ended.total() + " live access token"
                + (ended.total() == 1 ? "" : "s") + " revoked).";
    }
}
