package dev.lanyard.auth.key;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.lanyard.auth.key.KeyTesting.sign;
import static dev.lanyard.auth.key.KeyTesting.verifies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class JwkSetFileTest {

    static final Instant DROP_1 = Instant.parse("2026-04-01T10:00:00Z");
    static final Instant DROP_2 = Instant.parse("2026-04-02T10:00:00Z");

    @TempDir
    Path dir;

    /** A ring with every role and a mix of key types, an HMAC key and a verify-only key included. */
    static KeyRing fullRing() {
        SigningKey verifyOnly = SigningKey.fromJwk(SigningKey.generate(SigningAlgorithm.EDDSA).privateJwk()
                .toPublicJWK());
        Map<SigningKey, Instant> retiring = new LinkedHashMap<>();
        retiring.put(SigningKey.generate(SigningAlgorithm.HS256), DROP_1);
        retiring.put(verifyOnly, DROP_2);
        return KeyRing.of(SigningKey.generate(SigningAlgorithm.RS256), SigningKey.generate(SigningAlgorithm.ES256),
                retiring);
    }

    @Test
    void saveThenLoadPreservesRolesDropTimesAndSigning() {
        KeyRing ring = fullRing();
        JwkSetFile file = new JwkSetFile(dir.resolve("keys.jwks.json"));

        file.save(ring);
        KeyRing loaded = file.load();

        assertThat(loaded.active().kid()).isEqualTo(ring.active().kid());
        assertThat(loaded.active().algorithm()).isEqualTo(SigningAlgorithm.RS256);
        assertThat(loaded.next().orElseThrow().kid()).isEqualTo(ring.next().orElseThrow().kid());
        assertThat(loaded.next().orElseThrow().algorithm()).isEqualTo(SigningAlgorithm.ES256);
        Map<String, Instant> expectedRetiring = new LinkedHashMap<>();
        ring.retiring().forEach((k, at) -> expectedRetiring.put(k.kid(), at));
        Map<String, Instant> loadedRetiring = new LinkedHashMap<>();
        loaded.retiring().forEach((k, at) -> loadedRetiring.put(k.kid(), at));
        assertThat(loadedRetiring).containsExactlyEntriesOf(expectedRetiring);

        for (SigningKey original : ring.keys()) {
            SigningKey copy = loaded.find(original.kid()).orElseThrow();
            assertThat(copy.algorithm()).isEqualTo(original.algorithm());
            assertThat(copy.canSign()).isEqualTo(original.canSign());
            if (original.canSign()) {
                assertThat(verifies(original, sign(copy, "{}"))).as("%s signs as before", copy).isTrue();
                assertThat(verifies(copy, sign(original, "{}"))).as("%s verifies as before", copy).isTrue();
            }
        }
    }

    @Test
    void saveThenLoadPreservesCreationTimeToTheSecond() {
        Instant created = Instant.parse("2026-01-15T08:30:00Z");
        KeyRing ring = KeyRing.of(SigningKey.generate(SigningAlgorithm.ES256, created));
        JwkSetFile file = new JwkSetFile(dir.resolve("keys.json"));

        file.save(ring);

        assertThat(file.load().active().createdAt()).isEqualTo(created);
    }

    @Test
    void saveThenFileHoldsPrivateKeysAndTheLanyardMember() throws IOException, ParseException {
        KeyRing ring = fullRing();
        Path path = dir.resolve("keys.json");

        new JwkSetFile(path).save(ring);

        Map<String, Object> json = JSONObjectUtils.parse(Files.readString(path));
        assertThat(json).containsKeys("keys", "lanyard");
        assertThat(JSONObjectUtils.getJSONObject(json, "lanyard"))
                .containsEntry("active", ring.active().kid())
                .containsEntry("next", ring.next().orElseThrow().kid());
        assertThat(Files.readString(path)).contains("\"d\"");
    }

    @Test
    void saveThenFilePermissionsExactlyOwnerReadWrite() throws IOException {
        Path path = dir.resolve("keys.json");
        assumeThat(path.getFileSystem().supportedFileAttributeViews()).contains("posix");

        new JwkSetFile(path).save(fullRing());

        assertThat(Files.getPosixFilePermissions(path)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void saveOverWorldReadableFileThenPermissionsExactlyOwnerReadWrite() throws IOException {
        Path path = dir.resolve("keys.json");
        assumeThat(path.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Files.writeString(path, "old");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));

        new JwkSetFile(path).save(fullRing());

        assertThat(Files.getPosixFilePermissions(path)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void saveThenNoTemporaryFileLeftInTheDirectory() throws IOException {
        Path path = dir.resolve("keys.json");
        JwkSetFile file = new JwkSetFile(path);

        file.save(fullRing());
        file.save(fullRing());

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(path);
        }
    }

    @Test
    void saveIntoMissingDirectoryThenDirectoryCreated() {
        Path path = dir.resolve("data").resolve("nested").resolve("keys.json");
        JwkSetFile file = new JwkSetFile(path);
        assertThat(file.exists()).isFalse();

        file.save(KeyRing.of(SigningKey.generate(SigningAlgorithm.ES256)));

        assertThat(file.exists()).isTrue();
        assertThat(file.path()).isEqualTo(path);
    }

    @Test
    void saveOverExistingFileThenOldContentFullyReplacedByRename() throws IOException {
        Path path = dir.resolve("keys.json");
        JwkSetFile file = new JwkSetFile(path);
        // A long old file, so that an in-place overwrite with a shorter one would leave a tail behind.
        Map<SigningKey, Instant> many = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            many.put(SigningKey.generate(SigningAlgorithm.RS256), DROP_1);
        }
        KeyRing old = KeyRing.of(SigningKey.generate(SigningAlgorithm.RS256), null, many);
        file.save(old);
        Object oldFileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        long oldSize = Files.size(path);
        KeyRing replacement = KeyRing.of(SigningKey.generate(SigningAlgorithm.ES256));

        file.save(replacement);

        String content = Files.readString(path, StandardCharsets.UTF_8);
        assertThat(Files.size(path)).isLessThan(oldSize);
        for (SigningKey gone : old.keys()) {
            assertThat(content).doesNotContain(gone.kid());
        }
        assertThat(file.load().keys()).extracting(SigningKey::kid).containsExactly(replacement.active().kid());
        Object newFileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        if (oldFileKey != null) {
            assertThat(newFileKey).as("a new file renamed into place, not the old one rewritten")
                    .isNotEqualTo(oldFileKey);
        }
    }

    @Test
    void loadPlainJwkSetWithoutLanyardMemberThenFirstKeyActiveAndSecondVerifyOnly() throws IOException {
        SigningKey first = SigningKey.generate(SigningAlgorithm.RS256);
        SigningKey second = SigningKey.generate(SigningAlgorithm.ES256);
        String json = "{\n  \"keys\": [\n    " + first.privateJwk().toJSONString() + ",\n    "
                + second.privateJwk().toPublicJWK().toJSONString() + "\n  ]\n}\n";
        Path path = dir.resolve("other-tool.jwks.json");
        Files.writeString(path, json);

        KeyRing ring = new JwkSetFile(path).load();

        assertThat(ring.active().kid()).isEqualTo(first.kid());
        assertThat(ring.active().canSign()).isTrue();
        assertThat(ring.next()).isEmpty();
        assertThat(ring.retiring()).hasSize(1);
        SigningKey loadedSecond = ring.retiring().keySet().iterator().next();
        assertThat(loadedSecond.kid()).isEqualTo(second.kid());
        assertThat(loadedSecond.canSign()).isFalse();
        assertThat(ring.retiring().get(loadedSecond)).isEqualTo(Instant.MAX);
        assertThat(verifies(loadedSecond, sign(second, "{}"))).isTrue();
        assertThat(verifies(first, sign(ring.active(), "{}"))).isTrue();
    }

    @Test
    void loadPlainJwkSetThenSaveThenLoadKeepsTheSecondKeyVerifying() throws IOException {
        SigningKey first = SigningKey.generate(SigningAlgorithm.ES256);
        SigningKey second = SigningKey.generate(SigningAlgorithm.ES256);
        Path path = dir.resolve("keys.json");
        Files.writeString(path, "{\"keys\":[" + first.privateJwk().toJSONString() + ","
                + second.privateJwk().toJSONString() + "]}");
        JwkSetFile file = new JwkSetFile(path);

        file.save(file.load());
        KeyRing reloaded = file.load();

        assertThat(reloaded.active().kid()).isEqualTo(first.kid());
        assertThat(reloaded.find(second.kid())).isPresent();
        // Drop times are kept to the second: "never" (Instant.MAX) comes back as its last whole second.
        assertThat(reloaded.retiring().values()).singleElement()
                .isEqualTo(Instant.ofEpochSecond(Instant.MAX.getEpochSecond()));
    }

    @Test
    void loadMissingFileThenUncheckedIoException() {
        JwkSetFile file = new JwkSetFile(dir.resolve("absent.json"));

        assertThat(file.exists()).isFalse();
        assertThatThrownBy(file::load)
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("absent.json");
    }

    @Test
    void loadNotJsonThenRefusedNamingTheProblem() throws IOException {
        Path path = write("this is not JSON");

        assertThatThrownBy(() -> new JwkSetFile(path).load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(path.toString())
                .hasMessageContaining("is not a JWK set");
    }

    @Test
    void loadJsonWithoutKeysMemberThenRefused() throws IOException {
        Path path = write("{\"lanyard\":{}}");

        assertThatThrownBy(() -> new JwkSetFile(path).load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a JWK set");
    }

    @Test
    void loadEmptyKeysArrayThenRefusedNamingTheProblem() throws IOException {
        Path path = write("{\"keys\":[]}");

        assertThatThrownBy(() -> new JwkSetFile(path).load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(path.toString())
                .hasMessageContaining("holds no keys");
    }

    @Test
    void loadMetaNamingActiveKidNotInFileThenRefusedNamingTheKid() throws IOException {
        SigningKey key = SigningKey.generate(SigningAlgorithm.ES256);
        Path path = write("{\"keys\":[" + key.privateJwk().toJSONString()
                + "],\"lanyard\":{\"active\":\"ghost-kid\",\"retiring\":{}}}");

        assertThatThrownBy(() -> new JwkSetFile(path).load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(path.toString())
                .hasMessageContaining("'ghost-kid'")
                .hasMessageContaining("not in the file");
    }

    @Test
    void loadMetaNamingRetiringKidNotInFileThenRefusedNamingTheKid() throws IOException {
        SigningKey key = SigningKey.generate(SigningAlgorithm.ES256);
        Path path = write("{\"keys\":[" + key.privateJwk().toJSONString() + "],\"lanyard\":{\"active\":\""
                + key.kid() + "\",\"retiring\":{\"ghost-kid\":1780000000}}}");

        assertThatThrownBy(() -> new JwkSetFile(path).load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retiring key 'ghost-kid'")
                .hasMessageContaining("not in the file");
    }

    @Test
    void loadMetaLeavingAKeyWithoutRoleThenRefused() throws IOException {
        SigningKey a = SigningKey.generate(SigningAlgorithm.ES256);
        SigningKey b = SigningKey.generate(SigningAlgorithm.ES256);
        Path path = write("{\"keys\":[" + a.privateJwk().toJSONString() + "," + b.privateJwk().toJSONString()
                + "],\"lanyard\":{\"active\":\"" + a.kid() + "\"}}");

        assertThatThrownBy(() -> new JwkSetFile(path).load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds 2 keys")
                .hasMessageContaining("gives a role to 1");
    }

    @Test
    void loadMetaWithNonNumericDropTimeThenRefused() throws IOException {
        SigningKey a = SigningKey.generate(SigningAlgorithm.ES256);
        SigningKey b = SigningKey.generate(SigningAlgorithm.ES256);
        Path path = write("{\"keys\":[" + a.privateJwk().toJSONString() + "," + b.privateJwk().toJSONString()
                + "],\"lanyard\":{\"active\":\"" + a.kid() + "\",\"retiring\":{\"" + b.kid() + "\":\"soon\"}}}");

        assertThatThrownBy(() -> new JwkSetFile(path).load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(b.kid())
                .hasMessageContaining("numeric drop time");
    }

    @Test
    void loadMetaThatIsNotAnObjectThenIllegalArgumentException() throws IOException {
        SigningKey a = SigningKey.generate(SigningAlgorithm.ES256);
        Path path = write("{\"keys\":[" + a.privateJwk().toJSONString() + "],\"lanyard\":\"active\"}");

        assertThatThrownBy(() -> new JwkSetFile(path).load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(path.toString());
    }

    @Test
    void load1024BitRsaKeyThenRefusedNamingTheKeyAndSize() throws IOException {
        KeyPair pair = KeyTesting.rsaKeyPair(1024);
        RSAKey weak = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID("weak-rsa").build();
        Path path = write("{\"keys\":[" + weak.toJSONString() + "]}");

        assertThatThrownBy(() -> new JwkSetFile(path).load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(path.toString())
                .hasMessageContaining("weak-rsa")
                .hasMessageContaining("1024 bits")
                .hasMessageContaining("2048");
    }

    @Test
    void loadDuplicateKidsThenRefusedNamingTheKid() throws IOException {
        SigningKey a = KeyRingTest.ecWithKid("twice");
        SigningKey b = KeyRingTest.ecWithKid("twice");
        Path path = write("{\"keys\":[" + a.privateJwk().toJSONString() + "," + b.privateJwk().toJSONString()
                + "]}");

        assertThatThrownBy(() -> new JwkSetFile(path).load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(path.toString())
                .hasMessageContaining("two keys with kid twice");
    }

    @Test
    void loadKeyWithUseEncThenRefused() throws IOException {
        SigningKey key = SigningKey.generate(SigningAlgorithm.ES256);
        Map<String, Object> jwk = new LinkedHashMap<>(key.privateJwk().toJSONObject());
        jwk.put("use", "enc");
        Path path = write("{\"keys\":[" + JSONObjectUtils.toJSONString(jwk) + "]}");

        assertThatThrownBy(() -> new JwkSetFile(path).load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'enc'");
    }

    @Test
    void loadActiveKeyWithoutPrivatePartThenRefused() throws IOException {
        SigningKey key = SigningKey.generate(SigningAlgorithm.ES256);
        Path path = write("{\"keys\":[" + key.privateJwk().toPublicJWK().toJSONString() + "]}");

        assertThatThrownBy(() -> new JwkSetFile(path).load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot sign");
    }

    @Test
    void loadedKeysAreUsableForEveryAlgorithm() {
        List<SigningKey> keys = List.of(SigningKey.generate(SigningAlgorithm.PS256),
                SigningKey.generate(SigningAlgorithm.EDDSA), SigningKey.generate(SigningAlgorithm.HS256));
        Map<SigningKey, Instant> retiring = new LinkedHashMap<>();
        retiring.put(keys.get(2), DROP_1);
        JwkSetFile file = new JwkSetFile(dir.resolve("keys.json"));

        file.save(KeyRing.of(keys.get(0), keys.get(1), retiring));
        KeyRing loaded = file.load();

        for (SigningKey original : keys) {
            SigningKey copy = loaded.find(original.kid()).orElseThrow();
            assertThat(verifies(original, sign(copy, "{}"))).as("%s", copy).isTrue();
        }
    }

    private Path write(String content) throws IOException {
        Path path = dir.resolve("keys.json");
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path;
    }
}
