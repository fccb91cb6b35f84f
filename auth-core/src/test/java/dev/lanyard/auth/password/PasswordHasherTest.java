package dev.lanyard.auth.password;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class PasswordHasherTest {

    /** Small parameters keep the suite fast; one test below uses the defaults. */
    private static final PasswordHasher FAST = PasswordHasher.builder().argon2id(8192, 1, 1).build();
    private static final String PHC = "\\$argon2id\\$v=19\\$m=%d,t=%d,p=%d\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}";
    private static final byte[] SALT = "sixteen byte slt".getBytes(StandardCharsets.US_ASCII);

    @Test
    void hashWhenDefaultsThenOwaspParametersAndRoundTrips() {
        PasswordHasher hasher = PasswordHasher.defaults();

        String hash = hasher.hash("correct horse".toCharArray());

        assertThat(hash).matches(String.format(PHC, 19456, 2, 1));
        assertThat(hasher.verify("correct horse".toCharArray(), hash)).isTrue();
        assertThat(hasher.needsRehash(hash)).isFalse();
        assertThat(hasher).hasToString("PasswordHasher[argon2id m=19456 KiB, t=2, p=1]");
    }

    @Test
    void hashWhenBuilderParametersThenEncodedAsPhcStringAndRoundTrips() {
        PasswordHasher hasher = PasswordHasher.builder().argon2id(9216, 1, 2).build();

        String hash = hasher.hash("s3cret".toCharArray());

        assertThat(hash).matches(String.format(PHC, 9216, 1, 2));
        assertThat(hasher.verify("s3cret".toCharArray(), hash)).isTrue();
    }

    @Test
    void hashWhenSamePasswordTwiceThenSaltsAndHashesDiffer() {
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            hashes.add(FAST.hash("same".toCharArray()));
        }
        assertThat(hashes).hasSize(3);
    }

    @Test
    void verifyWhenPasswordWrongThenFalse() {
        String hash = FAST.hash("right".toCharArray());

        assertThat(FAST.verify("wrong".toCharArray(), hash)).isFalse();
        assertThat(FAST.verify("right ".toCharArray(), hash)).isFalse();
        assertThat(FAST.verify("Right".toCharArray(), hash)).isFalse();
    }

    @Test
    void verifyWhenPasswordNotAsciiThenUtf8RoundTrips() {
        char[] password = "pässwörd \uD83D\uDD11 пароль".toCharArray();
        String hash = FAST.hash(password);

        assertThat(FAST.verify(password, hash)).isTrue();
        assertThat(FAST.verify("passwörd \uD83D\uDD11 пароль".toCharArray(), hash)).isFalse();
    }

    @Test
    void verifyWhenHashedByAnotherHasherThenStillVerifies() {
        PasswordHasher other = PasswordHasher.builder().argon2id(8192, 2, 1).build();
        String hash = other.hash("pw".toCharArray());

        assertThat(FAST.verify("pw".toCharArray(), hash)).isTrue();
        assertThat(FAST.needsRehash(hash)).isTrue();
        assertThat(other.needsRehash(hash)).isFalse();
    }

    @Test
    void hashWhenPasswordEmptyThenRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FAST.hash(new char[0]))
                .withMessageContaining("must not be empty");
    }

    @Test
    void verifyWhenPasswordEmptyThenFalse() {
        String hash = FAST.hash("x".toCharArray());

        assertThat(FAST.verify(new char[0], hash)).isFalse();
        assertThat(FAST.verify(new char[0], bcrypt("2b", "", 4))).isFalse();
    }

    @Test
    void hashWhenUnpairedSurrogateThenRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FAST.hash(new char[] {'a', '\uD83D'}))
                .withMessageContaining("unpaired surrogate");
    }

    @Test
    void verifyWhenUnpairedSurrogateThenFalse() {
        String hash = FAST.hash("a?".toCharArray());

        assertThat(FAST.verify(new char[] {'a', '\uDD11'}, hash)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2a", "2b", "2y"})
    void verifyWhenBcryptVariantThenRoundTrips(String variant) {
        String hash = bcrypt(variant, "hunter2", 4);

        assertThat(hash).startsWith("$" + variant + "$04$");
        assertThat(FAST.verify("hunter2".toCharArray(), hash)).isTrue();
        assertThat(FAST.verify("hunter3".toCharArray(), hash)).isFalse();
    }

    @Test
    void verifyWhenBcryptPasswordOver72BytesThenOnlyFirst72Count() {
        String first72 = "é".repeat(36); // 72 bytes of UTF-8
        String hash = bcrypt("2b", first72 + "tail", 4);

        assertThat(FAST.verify((first72 + "other tail").toCharArray(), hash)).isTrue();
        assertThat(FAST.verify(("e" + first72.substring(1)).toCharArray(), hash)).isFalse();
    }

    @Test
    void verifyWhenPbkdf2PhcFormThenRoundTrips() {
        String hash = Pbkdf2Encoding.phc("hunter2", SALT, 1000, 32);

        assertThat(FAST.verify("hunter2".toCharArray(), hash)).isTrue();
        assertThat(FAST.verify("hunter3".toCharArray(), hash)).isFalse();
    }

    @Test
    void verifyWhenPbkdf2PhcFormWithoutLengthThenRoundTrips() {
        String hash = Pbkdf2Encoding.phc("hunter2", SALT, 1000, 32).replace(",l=32", "");

        assertThat(FAST.verify("hunter2".toCharArray(), hash)).isTrue();
    }

    @Test
    void verifyWhenPbkdf2PasslibFormThenRoundTrips() {
        // A salt whose base64 holds '+', so the adapted alphabet's '.' is exercised.
        byte[] salt = {(byte) 0xfb, (byte) 0xef, (byte) 0xbe, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
        String hash = Pbkdf2Encoding.passlib("pässword", salt, 1000);

        assertThat(hash).contains(".").doesNotContain("+");
        assertThat(FAST.verify("pässword".toCharArray(), hash)).isTrue();
        assertThat(FAST.verify("password".toCharArray(), hash)).isFalse();
    }

    @Test
    void verifyWhenStoredHashCostsMoreThanTheCapsThenRefusedBeforeAnyWork() {
        String costly = "$argon2id$v=19$m=1048576,t=100,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
        PasswordHasher hasher = PasswordHasher.defaults();

        assertThatThrownBy(() -> hasher.verify("password".toCharArray(), costly))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("argon2id memory (m, KiB) is 1048576, above the accepted maximum of 131072")
                .hasMessageNotContaining("c2FsdH");
        assertThat(hasher.isSupportedHash(costly)).isFalse();
    }

    @Test
    void capsWhenRaisedOrBelowTheHashersOwnParametersThenFollowThem() {
        String big = "$argon2id$v=19$m=262144,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

        assertThat(PasswordHasher.defaults().isSupportedHash(big)).isFalse();
        assertThat(PasswordHasher.builder().maxArgon2idCost(262144, 3, 1).build().isSupportedHash(big)).isTrue();
        assertThat(PasswordHasher.builder().argon2id(262144, 3, 1).build().isSupportedHash(big))
                .as("a hasher's own hashes are never above its caps").isTrue();
        assertThatThrownBy(() -> PasswordHasher.builder().argon2id(262144, 3, 1).maxArgon2idCost(131072, 10, 16).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("below the hasher's own argon2id parameters");
        assertThat(PasswordHasher.builder().maxBcryptCost(10).build()
                .isSupportedHash(OpenBSDBCrypt.generate("2b",
                        "x".getBytes(StandardCharsets.UTF_8), new byte[16], 11))).isFalse();
    }

    @Test
    void needsRehashWhenOwnOutputThenFalse() {
        assertThat(FAST.needsRehash(FAST.hash("pw".toCharArray()))).isFalse();
    }

    @Test
    void needsRehashWhenBcryptThenTrue() {
        assertThat(FAST.needsRehash(bcrypt("2b", "pw", 4))).isTrue();
    }

    @Test
    void needsRehashWhenPbkdf2ThenTrue() {
        assertThat(FAST.needsRehash(Pbkdf2Encoding.phc("pw", SALT, 1000, 32))).isTrue();
        assertThat(FAST.needsRehash(Pbkdf2Encoding.passlib("pw", SALT, 1000))).isTrue();
    }

    @Test
    void needsRehashWhenArgon2idWithOtherParametersThenTrue() {
        PasswordHasher hasher = PasswordHasher.builder().argon2id(65536, 2, 1).build();
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

        assertThat(FAST.needsRehash(reference)).isTrue();
        assertThat(hasher.needsRehash(reference)).as("an 8-byte salt is below this hasher's 16").isTrue();
        assertThat(FAST.needsRehash(PasswordHasher.builder().argon2id(8192, 1, 2).build().hash("pw".toCharArray())))
                .isTrue();
    }

    @Test
    void isSupportedHashWhenSupportedSchemeThenTrue() {
        assertThat(FAST.isSupportedHash(FAST.hash("pw".toCharArray()))).isTrue();
        assertThat(FAST.isSupportedHash(bcrypt("2y", "pw", 4))).isTrue();
        assertThat(FAST.isSupportedHash(Pbkdf2Encoding.phc("pw", SALT, 1000, 32))).isTrue();
        assertThat(FAST.isSupportedHash(Pbkdf2Encoding.passlib("pw", SALT, 1000))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"secret-password", "correct horse battery staple", "", "$", "$$$", "$2", "2a$05$x"})
    void isSupportedHashWhenPlainTextThenFalse(String value) {
        assertThat(FAST.isSupportedHash(value)).isFalse();
    }

    @Test
    void isSupportedHashWhenClientSecretDigestThenFalse() {
        assertThat(FAST.isSupportedHash(ClientSecrets.digest(ClientSecrets.generate()))).isFalse();
    }

    @Test
    void verifyDummyThenChecksAgainstArgon2idHashWithHasherParameters() {
        PasswordHasher hasher = PasswordHasher.builder().argon2id(10240, 3, 2).build();

        Argon2idHash dummy = Argon2idHash.parse(hasher.dummyHash());

        assertThat(dummy.memoryKiB()).isEqualTo(10240);
        assertThat(dummy.iterations()).isEqualTo(3);
        assertThat(dummy.parallelism()).isEqualTo(2);
        assertThat(dummy.saltLength()).isEqualTo(16);
        assertThat(dummy.hashLength()).isEqualTo(32);
        assertThat(hasher.needsRehash(hasher.dummyHash())).as("same cost as a current hash").isFalse();
        assertThat(hasher.verify("anything".toCharArray(), hasher.dummyHash())).isFalse();
    }

    @Test
    void verifyDummyWhenDefaultsThenDummyHasOwaspParameters() {
        PasswordHasher hasher = PasswordHasher.defaults();

        assertThat(hasher.dummyHash()).matches(String.format(PHC, 19456, 2, 1));
        assertThat(hasher.needsRehash(hasher.dummyHash())).isFalse();
    }

    @Test
    void verifyDummyWhenAnyPasswordThenReturnsNormally() {
        assertThatCode(() -> {
            FAST.verifyDummy("whatever".toCharArray());
            FAST.verifyDummy(new char[0]);
            FAST.verifyDummy(new char[] {'\uD83D'});
        }).doesNotThrowAnyException();
    }

    @Test
    void verifyDummyWhenTwoHashersThenDummiesDiffer() {
        assertThat(FAST.dummyHash()).isNotEqualTo(PasswordHasher.builder().argon2id(8192, 1, 1).build().dummyHash());
    }

    @Test
    void builderWhenMemoryBelow8MiBThenRejectedWithAdvice() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PasswordHasher.builder().argon2id(8191, 2, 1))
                .withMessageContaining("memoryKiB must be between 8192 and 1048576")
                .withMessageContaining("19456");
    }

    @Test
    void builderWhenMemoryOver1GiBThenRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PasswordHasher.builder().argon2id(1048577, 1, 1))
                .withMessageContaining("memoryKiB");
    }

    @Test
    void builderWhenIterationsOutOfRangeThenRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PasswordHasher.builder().argon2id(19456, 0, 1))
                .withMessageContaining("iterations must be between 1 and 100");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PasswordHasher.builder().argon2id(19456, 101, 1))
                .withMessageContaining("iterations");
    }

    @Test
    void builderWhenParallelismOutOfRangeThenRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PasswordHasher.builder().argon2id(19456, 2, 0))
                .withMessageContaining("parallelism must be between 1 and 16");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PasswordHasher.builder().argon2id(19456, 2, 17))
                .withMessageContaining("parallelism");
    }

    @Test
    void builderWhenArgon2idSetTwiceThenRejected() {
        PasswordHasher.Builder builder = PasswordHasher.builder().argon2id(19456, 2, 1);

        assertThatIllegalStateException()
                .isThrownBy(() -> builder.argon2id(8192, 1, 1))
                .withMessageContaining("already set");
    }

    @Test
    void publicMethodsWhenNullThenNamedNullPointerException() {
        String hash = FAST.hash("pw".toCharArray());

        assertThatNullPointerException().isThrownBy(() -> FAST.hash(null)).withMessage("password");
        assertThatNullPointerException().isThrownBy(() -> FAST.verify(null, hash)).withMessage("password");
        assertThatNullPointerException().isThrownBy(() -> FAST.verify(new char[] {'a'}, null)).withMessage("encoded");
        assertThatNullPointerException().isThrownBy(() -> FAST.needsRehash(null)).withMessage("encoded");
        assertThatNullPointerException().isThrownBy(() -> FAST.isSupportedHash(null)).withMessage("value");
        assertThatNullPointerException().isThrownBy(() -> FAST.verifyDummy(null)).withMessage("password");
    }

    private static String bcrypt(String variant, String password, int cost) {
        return OpenBSDBCrypt.generate(variant, password.getBytes(StandardCharsets.UTF_8), SALT, cost);
    }
}
