package dev.lanyard.auth.examples;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.DuplicateException;
import dev.lanyard.auth.NotFoundException;
import dev.lanyard.auth.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code java -jar lanyard-demo.jar}: the demo server and the commands that manage its data directory.
 * Without a command it runs {@code serve} with the standard profile.
 *
 * <pre>{@code
 * java -jar lanyard-demo.jar serve --profile simacan --port 8080 --users users.yaml
 * java -jar lanyard-demo.jar users import users.yaml
 * java -jar lanyard-demo.jar --help
 * }</pre>
 *
 * <p>Exit codes: 0 done, 1 failed (a name already taken or not found, a database down), 2 a wrong
 * argument, option, command or input file; the message is one line on standard error and never holds a
 * password, secret or token.
 */
@Command(name = "lanyard-demo", mixinStandardHelpOptions = true, version = "Lanyard demo 0.1.0-SNAPSHOT",
        description = "Lanyard's demo token server and the commands that manage its data directory.%n"
                + "Without a command, runs 'serve' with the standard profile.",
        subcommands = {ServeCommand.class, UsersCommand.class, ClientsCommand.class, KeysCommand.class, TokenCommand.class,
                CommandLine.HelpCommand.class})
public final class LanyardCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Exit code for a wrong argument, option or input. */
    static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; what {@code main} does, without exiting. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(withDefaultCommand(args));
    }

    /** No arguments at all means {@code serve} with its defaults: the newcomer's first command. */
    static String[] withDefaultCommand(String[] args) {
        return args.length == 0 ? new String[] {"serve"} : args;
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LanyardCli());
        // URLs start a line of their own in descriptions (%n) and fit in it: never broken across lines
        cli.setUsageHelpWidth(HELP_WIDTH);
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(e.getCommandLine().getCommandName() + ": " + withoutValues(e)
                    + " (see --help)");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println(commandLine.getCommandName() + ": " + oneLine(e));
            return exitCode(e);
        });
        return cli;
    }

    /** The width of {@code --help}. */
    static final int HELP_WIDTH = 100;

    /**
     * 2 for what the person typed or gave (an argument, an option, an input file), 1 for everything that
     * went wrong past it: a name already taken or not found, a database down, a data directory in use.
     */
    static int exitCode(Exception e) {
        if (e instanceof DuplicateException || e instanceof NotFoundException || e instanceof StoreException) {
            return 1;
        }
        return e instanceof IllegalArgumentException || e instanceof AuthException ? USAGE : 1;
    }

    /** Reached only with options and no command ({@code main} turns no arguments into {@code serve}). */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. serve");
    }

    /**
     * The message of a command-line error, without echoing values that were not recognised: a mistyped
     * option's value may be a password ({@code --passwd hunter2}) or a URL with credentials.
     */
    static String withoutValues(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && isUnknownCommand(unmatched)) {
            return "unknown command; the commands are: "
                    + String.join(", ", unmatched.getCommandLine().getSubcommands().keySet());
        }
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> options = unmatched.getUnmatched().stream().filter(a -> a.startsWith("-"))
                    .map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) : a)
                    .map(a -> a.length() > 40 ? a.substring(0, 40) + "..." : a).toList();
            int values = unmatched.getUnmatched().size() - options.size();
            return (options.isEmpty() ? "" : "unknown option" + (options.size() > 1 ? "s " : " ") + String.join(", ", options))
                    + (options.isEmpty() || values == 0 ? "" : "; ")
                    + (values == 0 ? "" : values + " unexpected argument" + (values > 1 ? "s" : "") + " (not shown)");
        }
        return e.getMessage();
    }

    /** A word where a command with subcommands expects one of them (the word itself is not repeated). */
    private static boolean isUnknownCommand(CommandLine.UnmatchedArgumentException e) {
        CommandLine at = e.getCommandLine();
        List<String> unmatched = e.getUnmatched();
        return !at.getSubcommands().isEmpty() && !unmatched.isEmpty() && !unmatched.get(0).startsWith("-");
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        Throwable cause = e.getCause();
        if (cause instanceof java.sql.SQLTransientConnectionException && cause.getCause() != null) {
            cause = cause.getCause(); // the pool timed out because of this: the driver's own reason says more
        }
        if (e instanceof StoreException && cause != null && cause.getMessage() != null) {
            message += ": " + cause.getMessage();
        }
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
