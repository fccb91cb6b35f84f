package dev.lanyard.auth.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code java} block of the README compiles as shown, with its own imports, against the
 * library. A block's {@code import} lines go to the top of a compilation unit and the rest into a method
 * body; a line {@code Type name = ...;} stands for a value the reader already has and becomes a
 * parameter of that method. A block that declares a class is compiled as it is.
 */
class ReadmeSnippetsTest {

    private static final Pattern BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL);
    private static final Pattern GIVEN = Pattern.compile("^\\s*([\\w.<>, ]+?)\\s+(\\w+)\\s*=\\s*\\.\\.\\.;.*$");
    private static final Pattern DECLARES_CLASS = Pattern.compile("(?m)^(public\\s+)?(final\\s+)?(class|record|interface) ");

    @Test
    void everyJavaBlockOfTheReadmeCompilesWithItsImports(@TempDir Path tmp) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<String> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).as("java blocks in README.md").hasSizeGreaterThanOrEqualTo(3);

        List<String> failures = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String name = "ReadmeSnippet" + (i + 1);
            Path dir = Files.createDirectories(tmp.resolve(name));
            Path source = dir.resolve(name + ".java");
            Files.writeString(source, compilationUnit(name, blocks.get(i)));
            String errors = compile(source, dir);
            if (errors != null) {
                failures.add("README java block " + (i + 1) + " does not compile:\n" + errors);
            }
        }
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    @Test
    void aBlockThatDoesNotCompileIsFound(@TempDir Path tmp) throws Exception {
        Path source = tmp.resolve("Broken.java");
        Files.writeString(source, compilationUnit("Broken", "import java.util.List;\nList<String> x = Lists.of();\n"));

        assertThat(compile(source, tmp)).contains("Lists");
    }

    /** The block as one compilation unit named {@code name}: imports first, statements in a method. */
    static String compilationUnit(String name, String block) {
        if (DECLARES_CLASS.matcher(block).find()) {
            return block.replaceFirst("(?m)^(public\\s+)?((final\\s+)?(class|record|interface)) \\w+", "$2 " + name);
        }
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        List<String> parameters = new ArrayList<>();
        for (String line : block.split("\n", -1)) {
            Matcher given = GIVEN.matcher(line);
            if (line.startsWith("import ")) {
                imports.append(line).append('\n');
            } else if (given.matches()) {
                parameters.add(given.group(1) + " " + given.group(2));
            } else {
                body.append("        ").append(line).append('\n');
            }
        }
        return imports + "\nclass " + name + " {\n    void run(" + String.join(", ", parameters)
                + ") throws Exception {\n" + body + "    }\n}\n";
    }

    /** The compiler's messages, or null when the file compiles. */
    private static String compile(Path source, Path out) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        StringWriter messages = new StringWriter();
        boolean ok = javac.getTask(messages, null, null,
                List.of("-classpath", classPath, "-d", out.toString(), "-proc:none"), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(source)).call();
        return ok ? null : messages.toString();
    }
}
