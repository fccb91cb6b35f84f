package dev.lanyard.auth.examples;

import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.user.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Arrays;
import java.util.List;

/**
 * {@code users add}: creates one user. The password is typed at a prompt with echo off, or read as one
 * line from standard input; never from the command line, where shell history and {@code ps} would keep it.
 */
@Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Adds a user. The password is asked for at the terminal (not echoed), or read as one "
                + "line from standard input when there is no terminal or with --password-stdin."})
final class UsersAddCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--username", required = true, paramLabel = "NAME", description = "The login name.")
    String username;

    @Option(names = "--email", paramLabel = "EMAIL")
    String email;

    @Option(names = "--first-name", paramLabel = "NAME")
    String firstName;

    @Option(names = "--last-name", paramLabel = "NAME")
    String lastName;

    @Option(names = "--lang", paramLabel = "LANG", description = "A language code, e.g. ENU.")
    String lang;

    @Option(names = "--role", paramLabel = "ROLE", description = "A role (repeatable); role admin may call the admin endpoints.")
    List<String> roles = List.of();

    @Option(names = "--app-id", paramLabel = "APP")
    String appId;

    @Mixin
    PasswordInput password = new PasswordInput();

    @Mixin
    DataOptions data = new DataOptions();

    @Override
    public void run() {
        password.refuseArgument();
        User user = User.builder(username).email(email).firstName(firstName).lastName(lastName).lang(lang)
                .appId(appId).roles(roles).build();
        char[] secret = password.read(username);
        try (DataDir dir = data.open()) {
            User created = dir.userAdmin(PasswordHasher.defaults(), AuthEvents.none()).createUser(user, secret);
            spec.commandLine().getOut().println("Added user " + created.username() + " (id " + created.id() + ")");
        } finally {
            Arrays.fill(secret, '\0');
        }
    }
}
