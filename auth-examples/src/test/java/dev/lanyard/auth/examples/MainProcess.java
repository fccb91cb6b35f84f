package dev.lanyard.auth.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code java -cp <the test class path> LanyardCli ARGS}: the demo's main in a process of its own. */
final class MainProcess {

    private MainProcess() {
    }

    static ProcessBuilder of(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LanyardCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        return pb;
    }
}
