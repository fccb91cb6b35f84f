package dev.lanyard.auth.examples;

import picocli.CommandLine.Command;

/** {@code token}: mints and inspects access tokens with the data directory's keys. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Mints and inspects access tokens with the data directory's key ring.",
        subcommands = {TokenMintCommand.class, TokenInspectCommand.class})
final class TokenCommand {
}
