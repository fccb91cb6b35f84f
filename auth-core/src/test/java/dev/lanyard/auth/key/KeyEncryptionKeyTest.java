package dev.lanyard.auth.key;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyEncryptionKeyTest {

    @TempDir
    Path dir;

    final SigningKey key = SigningKey.generate(SigningAlgorithm.ES256, Instant.parse("2026-12-03T10:00:00Z"));

    @Test
    void sealThenOpenGivesTheSameKeyPair() {
        KeyEncryptionKey kek = KeyEncryptionKey.generate();

        SigningKey opened = kek.open(key.kid(), kek.id(), kek.seal(key));

        byte[] probe = {1, 2, 3};
        assertThat(opened.kid()).isEqualTo(key.kid());
        assertThat(key.verifySignature(probe, opened.sign(probe))).isTrue();
        assertThat(opened.createdAt()).isEqualTo(key.createdAt());
    }

    @Test
    void openUnderAnotherKidThenRefused() {
        KeyEncryptionKey kek = KeyEncryptionKey.generate();

        assertThatThrownBy(() -> kek.open("other-kid", kek.id(), kek.seal(key)))
                .isInstanceOf(KeySealException.class).hasMessageContaining("other-kid").hasMessageContaining("altered");
    }

    @Test
    void openWithAnotherBindingThenRefused() {
        KeyEncryptionKey kek = KeyEncryptionKey.generate();
        byte[] sealed = kek.seal(key, "ACTIVE|7");

        assertThat(kek.open(key.kid(), kek.id(), sealed, "ACTIVE|7").kid()).isEqualTo(key.kid());
        assertThatThrownBy(() -> kek.open(key.kid(), kek.id(), sealed, "NEXT|7")).isInstanceOf(KeySealException.class);
        assertThatThrownBy(() -> kek.open(key.kid(), kek.id(), sealed)).isInstanceOf(KeySealException.class);
    }

    @Test
    void openWithAnotherKeyUnderTheStoredIdThenRefusedAsDamaged() {
        KeyEncryptionKey kek = KeyEncryptionKey.generate();
        KeyEncryptionKey other = KeyEncryptionKey.generate();

        assertThatThrownBy(() -> other.open(key.kid(), other.id(), kek.seal(key)))
                .isInstanceOf(KeySealException.class).hasMessageContaining(key.kid());
    }

    @Test
    void parseAndFileAcceptBase64OfThirtyTwoBytesAndGiveTheSameId() throws IOException {
        KeyEncryptionKey kek = KeyEncryptionKey.generate();
        Path file = Files.writeString(dir.resolve("kek"), kek.encoded() + "\n");
        byte[] raw = Base64.getDecoder().decode(kek.encoded());

        assertThat(KeyEncryptionKey.fromFile(file).id()).isEqualTo(kek.id());
        assertThat(KeyEncryptionKey.parse(Base64.getUrlEncoder().withoutPadding().encodeToString(raw), "env").id())
                .isEqualTo(kek.id());
        assertThat(KeyEncryptionKey.of(raw).id()).isEqualTo(kek.id()).startsWith("kek-").hasSize(20);
        assertThat(kek.toString()).contains(kek.id()).doesNotContain(kek.encoded());
    }

    @Test
    void parseWhenNotThirtyTwoBytesOfBase64ThenRefusedNamingTheSourceNotTheText() {
        assertThatThrownBy(() -> KeyEncryptionKey.parse(Base64.getEncoder().encodeToString(new byte[16]), "LANYARD_X"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LANYARD_X")
                .hasMessageContaining("16 bytes").hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> KeyEncryptionKey.parse("not base64 at all!", "file f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not base64")
                .hasMessageNotContaining("at all");
        assertThatThrownBy(() -> KeyEncryptionKey.parse("", "LANYARD_X"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 bytes");
    }
}
