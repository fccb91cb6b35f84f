package dev.lanyard.auth.examples;

import picocli.CommandLine.Command;

/** {@code clients}: the OAuth clients of the data directory. */
@Command(name = "clients", mixinStandardHelpOptions = true,
        description = "Creates, lists and removes the clients of the data directory, and rotates their secrets.",
        subcommands = {ClientsCreateCommand.class, ClientsListCommand.class, ClientsRotateSecretCommand.class,
                ClientsRevokeSecretCommand.class, ClientsRemoveCommand.class})
final class ClientsCommand {
}
