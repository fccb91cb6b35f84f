package dev.lanyard.auth.examples;

import picocli.CommandLine.Command;

/** {@code users}: the users of the data directory. */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Imports, adds and lists the users of the data directory.",
        subcommands = {UsersImportCommand.class, UsersAddCommand.class, UsersListCommand.class})
final class UsersCommand {
}
