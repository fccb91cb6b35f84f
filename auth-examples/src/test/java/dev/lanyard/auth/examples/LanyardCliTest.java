package dev.lanyard.auth.examples;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Parsing errors, exit codes and help of the whole command tree. */
class LanyardCliTest extends CliTestSupport {

    @Test
    void noArgumentsMeansServeWithItsDefaultsAsTheReadmeSays() {
        CommandLine.ParseResult parsed = LanyardCli.commandLine().parseArgs(LanyardCli.withDefaultCommand(new String[0]));

        ServeSettings settings = ((ServeCommand) parsed.subcommand().commandSpec().userObject()).settings();
        assertThat(settings.profile()).isEqualTo("standard");
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.host()).isEqualTo("localhost");
        assertThat(settings.dataDir()).isEqualTo(java.nio.file.Path.of("lanyard-data"));
        assertThat(settings.sessionTimeout()).isEqualTo(java.time.Duration.ofSeconds(300));
        assertThat(settings.jdbcUrl()).isNull();
    }

    @Test
    void serveWhenTheIssuerIsNotASecureUrlThenRefusedSayingWhatToChange() {
        for (String bad : List.of("not-a-url", "http://auth.example", "https://auth.example/#x", "ftp://auth.example")) {
            CommandLine.ParseResult parsed = LanyardCli.commandLine().parseArgs("serve", "--issuer", bad);
            ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();

            org.assertj.core.api.Assertions.assertThatThrownBy(serve::settings).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--issuer: issuer '")
                    .hasMessageContaining("https");
        }
        CommandLine.ParseResult local = LanyardCli.commandLine().parseArgs("serve", "--issuer", "http://localhost:8080");
        assertThat(((ServeCommand) local.subcommand().commandSpec().userObject()).settings().issuer())
                .isEqualTo("http://localhost:8080");
    }

    @Test
    void unknownSubcommandThenExit2WithOneLine() {
        Result r = runRaw("users", "frobnicate");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
    }

    @Test
    void unknownOptionThenExit2WithOneLine() {
        Result r = run("clients", "create", "--id", "x", "--colour", "blue");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--colour");
    }

    @Test
    void mistypedOptionsNeverEchoTheirValues() {
        Result typo = runRaw("users", "add", "--username", "bob", "--passwd", "hunter2");
        Result stray = runRaw("users", "add", "--username", "bob", "--password-stdin", "hunter2");
        Result url = runRaw("serve", "--jdbc-uri=jdbc:postgresql://db/x?password=hunter2");

        for (Result r : List.of(typo, stray, url)) {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.err() + r.out()).doesNotContain("hunter2");
        }
        assertThat(typo.err()).contains("--passwd").contains("1 unexpected argument (not shown)");
        assertThat(url.err()).contains("--jdbc-uri");
    }

    @Test
    void missingRequiredOptionThenExit2WithOneLine() {
        Result r = run("token", "mint", "--subject", "a");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--client-id");
    }

    @Test
    void groupWithoutSubcommandThenExit2WithOneLine() {
        Result r = runRaw("keys");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
    }

    @Test
    void helpOfEveryCommandExits0() {
        List<List<String>> paths = new ArrayList<>();
        collect(LanyardCli.commandLine(), new ArrayList<>(), paths);

        assertThat(paths).hasSizeGreaterThan(15);
        for (List<String> path : paths) {
            String[] args = Stream.concat(path.stream(), Stream.of("--help")).toArray(String[]::new);
            Result r = runRaw(args);
            assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
            assertThat(r.out()).as(String.join(" ", args)).startsWith("Usage: ");
        }
    }

    private static void collect(CommandLine cli, List<String> path, List<List<String>> into) {
        if (cli.getCommandSpec().mixinStandardHelpOptions()) {
            into.add(List.copyOf(path));
        }
        cli.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) { // skip aliases
                List<String> child = new ArrayList<>(path);
                child.add(name);
                collect(sub, child, into);
            }
        });
    }

    @Test
    void unknownCommandSaysSoAndListsTheCommandsWithoutRepeatingTheWord() {
        Result top = runRaw("userz", "list");
        Result sub = runRaw("users", "frobnicate");

        assertThat(top.code()).isEqualTo(2);
        assertThat(top.errLines()).singleElement().asString()
                .contains("unknown command; the commands are: serve, users, clients, keys, token, help")
                .doesNotContain("userz");
        assertThat(sub.code()).isEqualTo(2);
        assertThat(sub.errLines()).singleElement().asString().contains("unknown command; the commands are: ")
                .contains("import").contains("add").contains("list").doesNotContain("frobnicate");
    }

    @Test
    void readOnlyCommandsNeverCreateADataDirectoryOrDatabase() {
        for (String[] command : new String[][] {{"users", "list"}, {"clients", "list"}}) {
            Result r = run(command);

            assertThat(r.code()).as(String.join(" ", command)).isEqualTo(1);
            assertThat(r.errLines()).singleElement().asString().contains("no data directory at").contains("typo in --data");
            assertThat(data).as(String.join(" ", command) + " created the data directory").doesNotExist();
        }
        run("keys", "generate"); // a key ring, and still no database
        assertThat(run("users", "list").err()).contains("no database in");
        Result inspected = run("token", "inspect", "not-a-token");
        assertThat(inspected.out()).contains("NOT valid: not a JWT");
        assertThat(data.resolve("lanyard.mv.db")).doesNotExist();
    }

    @Test
    void keysGenerateTakesTheAlgorithmInAnyCase() {
        Result r = run("keys", "generate", "--algorithm", "es256");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(run("keys", "list").out()).contains("ES256");
        assertThat(run("keys", "generate", "--force", "--algorithm", "eddsa").code()).isZero();
        assertThat(run("keys", "list").out()).contains("EdDSA");
    }

    @Test
    void helpNeverBreaksAUrlAcrossLines() {
        List<List<String>> paths = new ArrayList<>();
        collect(LanyardCli.commandLine(), new ArrayList<>(), paths);
        java.util.regex.Pattern url = java.util.regex.Pattern.compile("(?:https?://|jdbc:)[^\\s,;)]+");
        int checked = 0;
        for (List<String> path : paths) {
            CommandLine command = LanyardCli.commandLine();
            for (String name : path) {
                command = command.getSubcommands().get(name);
            }
            String help = runRaw(Stream.concat(path.stream(), Stream.of("--help")).toArray(String[]::new)).out();
            for (picocli.CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
                java.util.regex.Matcher m = url.matcher(String.join(" ", option.description()));
                while (m.find()) {
                    assertThat(help).as(String.join(" ", path) + " " + option.longestName()).contains(m.group());
                    checked++;
                }
            }
        }
        assertThat(checked).as("URLs in option descriptions").isGreaterThan(5);
    }
}
