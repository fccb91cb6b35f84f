package dev.lanyard.auth.examples;

import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.user.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
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

    @Option(names = "--password-stdin", description = "Read the password as one line from standard input.")
    boolean passwordStdin;

    /** Takes a password given as an argument only to refuse it without echoing it back. */
    @Option(names = "--password", hidden = true, arity = "0..1")
    String passwordArgument;

    @Mixin
    DataOptions data = new DataOptions();

    @Override
    public void run() {
        if (passwordArgument != null) {
            throw new IllegalArgumentException("--password is not taken: a password on the command line ends up in "
                    + "shell history; type it at the prompt or pipe it with --password-stdin");
        }
        User user = User.builder(username).email(email).firstName(firstName).lastName(lastName).lang(lang)
                .appId(appId).roles(roles).build();
        char[] password = readPassword(username, passwordStdin);
        try (DataDir dir = data.open()) {
            User created = dir.userAdmin(PasswordHasher.defaults(), AuthEvents.none()).createUser(user, password);
            spec.commandLine().getOut().println("Added user " + created.username() + " (id " + created.id() + ")");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The password typed twice at the terminal, or one line of standard input ({@code stdin} or no terminal). */
    static char[] readPassword(String username, boolean stdin) {
        Console console = System.console();
        if (stdin || console == null) {
            return readLine(System.in, console == null ? Charset.defaultCharset() : console.charset());
        }
        char[] first = console.readPassword("Password for %s: ", username);
        char[] again = first == null ? null : console.readPassword("Repeat it: ");
        try {
            if (first == null || again == null) {
                throw new IllegalArgumentException("no password given");
            }
            if (!Arrays.equals(first, again)) {
                throw new IllegalArgumentException("the two passwords differ");
            }
            return first.clone();
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (again != null) {
                Arrays.fill(again, '\0');
            }
        }
    }

    /** One line, without its line break, read byte by byte so that nothing after it is consumed. */
    static char[] readLine(InputStream in, Charset charset) {
        byte[] buffer = new byte[64];
        int length = 0;
        try {
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                if (length == buffer.length) {
                    byte[] larger = Arrays.copyOf(buffer, buffer.length * 2);
                    Arrays.fill(buffer, (byte) 0);
                    buffer = larger;
                }
                buffer[length++] = (byte) b;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password from standard input", e);
        }
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        try {
            CharBuffer chars = charset.decode(ByteBuffer.wrap(buffer, 0, length));
            char[] password = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            if (password.length == 0) {
                throw new IllegalArgumentException("no password on standard input (expected one line)");
            }
            return password;
        } finally {
            Arrays.fill(buffer, (byte) 0);
        }
    }
}
