package dev.lanyard.auth.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DemoTest {

    @Test
    void firstRunCreatesKeysAndSecondRunReusesThem(@TempDir Path dir) {
        String first = run(dir);
        String second = run(dir);

        assertThat(Files.exists(dir.resolve("keys.jwks.json"))).isTrue();
        assertThat(first).contains("Created key ring").contains("Verified: sub=demo-client")
                .contains("Tampered copy refused: invalid_token").doesNotContain("BUG");
        assertThat(second).contains("Loaded key ring");
        String activeKid = first.replaceAll("(?s).*active=([^,]+),.*", "$1");
        assertThat(second).contains("active=" + activeKid);
        assertThat(first).doesNotContain("\"d\"").doesNotContain("\"p\"");
    }

    private static String run(Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Demo.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
