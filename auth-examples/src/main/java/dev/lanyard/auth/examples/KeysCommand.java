package dev.lanyard.auth.examples;

import picocli.CommandLine.Command;

/** {@code keys}: the signing key ring of the data directory. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Generates, rotates and lists the signing keys in the data directory (keys.jwks.json).",
        subcommands = {KeysGenerateCommand.class, KeysRotateCommand.class, KeysListCommand.class})
final class KeysCommand {
}
