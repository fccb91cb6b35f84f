package dev.lanyard.auth.examples;

import dev.lanyard.auth.key.KeyEncryptionKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where {@code serve} and the key commands take the key-encryption key from: the file or the environment. */
class KeyEncryptionOptionsTest {

    @TempDir
    Path dir;

    final KeyEncryptionKey kek = KeyEncryptionKey.generate();

    @Test
    void fromTheEnvironmentVariable() {
        Map<String, String> env = Map.of(KeyEncryptionOptions.ENV, kek.encoded() + "\n");

        assertThat(KeyEncryptionOptions.resolve(null, env::get).id()).isEqualTo(kek.id());
    }

    @Test
    void fromTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("kek"), kek.encoded());

        assertThat(KeyEncryptionOptions.resolve(file, name -> null).id()).isEqualTo(kek.id());
    }

    @Test
    void neitherThenNoneAndABlankVariableCountsAsNone() {
        assertThat(KeyEncryptionOptions.resolve(null, name -> null)).isNull();
        assertThat(KeyEncryptionOptions.resolve(null, Map.of(KeyEncryptionOptions.ENV, " ")::get)).isNull();
    }

    @Test
    void bothThenRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("kek"), kek.encoded());

        assertThatThrownBy(() -> KeyEncryptionOptions.resolve(file, Map.of(KeyEncryptionOptions.ENV, kek.encoded())::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
    }

    @Test
    void malformedVariableThenRefusedNamingItButNotItsValue() {
        assertThatThrownBy(() -> KeyEncryptionOptions.resolve(null, Map.of(KeyEncryptionOptions.ENV, "c2hvcnQ=")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the environment variable " + KeyEncryptionOptions.ENV)
                .hasMessageContaining("decodes to 5 bytes").hasMessageNotContaining("c2hvcnQ");
    }
}
