package dev.lanyard.auth.examples;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the CLI against a temporary data directory (H2), the way a user would, and captures what it prints. */
abstract class CliTestSupport {

    static final String ALICE_PASSWORD = "wonderland-Pw-31";
    static final String BOB_PASSWORD = "builder-Pw-77";

    @TempDir
    Path tmp;

    Path data;
    private InputStream stdin;

    @BeforeEach
    void setUp() {
        data = tmp.resolve("data");
        stdin = System.in;
    }

    @AfterEach
    void restoreStdin() {
        System.setIn(stdin);
    }

    /** What one command line printed and returned. */
    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }

        String all() {
            return out + err;
        }
    }

    /** Runs a command against the temporary data directory. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--data");
        all.add(data.toString());
        return runRaw(all.toArray(String[]::new));
    }

    static Result runRaw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LanyardCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    Path usersFile() throws Exception {
        return write("users.yaml", """
                - username: alice
                  password: %s
                  email: alice@example.com
                  roles: [user, admin]
                - username: bob
                  password: %s
                  roles: [user]
                """.formatted(ALICE_PASSWORD, BOB_PASSWORD));
    }

    Path write(String name, String content) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    void assertNoPasswords(Result r) {
        assertThat(r.all()).doesNotContain(ALICE_PASSWORD).doesNotContain(BOB_PASSWORD);
    }

    static String lastLine(String text) {
        return text.strip().lines().reduce((a, b) -> b).orElseThrow();
    }

    /** The line after "New secret ... :" in the output of rotate-secret. */
    static String secretLine(String text) {
        return text.lines().toList().get(1);
    }

    static String kidOf(String table, String role) {
        return table.lines().filter(l -> l.split("\\s+").length > 2 && l.split("\\s+")[2].equals(role))
                .map(l -> l.split("\\s+")[0]).findFirst().orElseThrow();
    }
}
