package dev.lanyard.auth.examples;

import picocli.CommandLine.Option;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * How the commands that set a password take it: typed twice at the terminal (not echoed), or one line of
 * standard input ({@code --password-stdin}, or no terminal); never as an argument, which would end up
 * in shell history.
 */
final class PasswordInput {

    @Option(names = "--password-stdin", description = "Read the password as one line from standard input.")
    boolean stdin;

    /** Takes a password given as an argument only to refuse it without echoing it back. */
    @Option(names = "--password", hidden = true, arity = "0..1")
    String argument;

    /** Refuses a password given on the command line; call it before anything else is done. */
    void refuseArgument() {
        if (argument != null) {
            throw new IllegalArgumentException("--password is not taken: a password on the command line ends up in "
                    + "shell history; type it at the prompt or pipe it with --password-stdin");
        }
    }

    /** The password for {@code username}; the caller clears the array when done. */
    char[] read(String username) {
        return readPassword(username, stdin);
    }

    /** The password typed twice at the terminal, or one line of standard input ({@code stdin} or no terminal). */
    private static char[] readPassword(String username, boolean stdin) {
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
    private static char[] readLine(InputStream in, Charset charset) {
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
