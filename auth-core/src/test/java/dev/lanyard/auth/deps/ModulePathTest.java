package dev.lanyard.auth.deps;

import dev.lanyard.auth.TokenService;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * auth-core's module descriptor: every package is exported except the internal ones, and on the module
 * path the library runs with only its required dependencies while its internals stay out of reach.
 */
class ModulePathTest {

    /** The required runtime jars (README, "Which feature needs which dependency"). */
    private static final List<String> REQUIRED = List.of("nimbus-jose-jwt-", "caffeine-", "jspecify-",
            "error_prone_annotations-", "precis-", "slf4j-api-", "jackson-databind-", "jackson-core-",
            "jackson-annotations-");

    private static final Path CLASSES = codeSource(TokenService.class);

    @Test
    void everyPackageButTheInternalOnesIsExported() throws Exception {
        ModuleDescriptor module = ModuleFinder.of(CLASSES).find("dev.lanyard.auth.core").orElseThrow().descriptor();
        Set<String> packages;
        try (Stream<Path> files = Files.walk(CLASSES)) {
            packages = files.filter(f -> f.toString().endsWith(".class") && !f.endsWith("module-info.class"))
                    .map(f -> CLASSES.relativize(f.getParent()).toString().replace(File.separatorChar, '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> expected = packages.stream().filter(p -> !p.contains(".internal"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> unqualified = module.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));

        assertThat(packages).contains("dev.lanyard.auth.internal", "dev.lanyard.auth.internal.jws");
        assertThat(unqualified).isEqualTo(expected);
        assertThat(module.exports().stream().filter(ModuleDescriptor.Exports::isQualified))
                .allSatisfy(e -> assertThat(e.targets()).containsExactly("dev.lanyard.auth.servlet"));
        assertThat(module.opens()).isEmpty();
    }

    @Test
    void onTheModulePathTheApiWorksAndTheInternalsAreOutOfReach() throws Exception {
        List<String> modulePath = new ArrayList<>(List.of(CLASSES.toString()));
        for (String prefix : REQUIRED) {
            List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(e -> new File(e).getName().startsWith(prefix) && e.endsWith(".jar")).toList();
            assertThat(jars).as(prefix).hasSize(1);
            modulePath.addAll(jars);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--module-path", String.join(File.pathSeparator, modulePath),
                "--add-modules", "dev.lanyard.auth.core", "-cp", codeSource(OnTheModulePath.class).toString(),
                OnTheModulePath.class.getName()).redirectErrorStream(true).start();
        String output;
        try (var in = child.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("verified alice", "internal refused");
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
