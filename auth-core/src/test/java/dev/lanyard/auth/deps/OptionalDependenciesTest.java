package dev.lanyard.auth.deps;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bouncy Castle and the YAML parser are optional dependencies of auth-core: an app that only verifies
 * tokens, or issues them to clients with generated secrets, runs without them, and the features that
 * need them say which artifact to add. Proven in a child JVM whose class path is this test's minus
 * those jars.
 */
class OptionalDependenciesTest {

    private static final List<String> OPTIONAL = List.of("bcprov-", "jackson-dataformat-yaml-", "snakeyaml-");

    @Test
    void aVerifyOnlyAppRunsWithOnlyTheRequiredDependencies() throws Exception {
        List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        List<String> kept = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String entry : classPath) {
            String name = new File(entry).getName();
            (OPTIONAL.stream().anyMatch(name::startsWith) ? removed : kept).add(entry);
        }
        assertThat(removed).as("the optional jars found on the test class path").hasSize(OPTIONAL.size());

        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", String.join(File.pathSeparator, kept),
                WithoutOptionalDependencies.class.getName()).redirectErrorStream(true).start();
        String output;
        try (var in = child.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        List<String> lines = output.lines().filter(l -> !l.startsWith("SLF4J")).collect(Collectors.toList());
        assertThat(lines).contains("verified RS256", "verified PS256", "verified ES256", "verified EDDSA",
                "verified HS256", "client_credentials Bearer");
        assertThat(output)
                .contains("argon2id refused: Argon2id password hashing needs org.bouncycastle:bcprov-jdk18on on the class path")
                .contains("yaml refused: users.yaml: Reading a YAML file needs "
                        + "com.fasterxml.jackson.dataformat:jackson-dataformat-yaml on the class path")
                .contains("json read: users.json: entry 1 (line 1): unknown field 'colour'");
    }
}
