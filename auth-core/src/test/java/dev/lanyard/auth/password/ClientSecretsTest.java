package dev.lanyard.auth.password;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ClientSecretsTest {

    /** FIPS 180-2 appendix B.2 message, long enough to pass for a generated secret; its SHA-256 is known. */
    private static final String FIPS_MESSAGE = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    private static final String FIPS_DIGEST = "$sha256$JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE";

    @Test
    void generateThenGives43UrlSafeCharactersOf256Bits() {
        String secret = ClientSecrets.generate();

        assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
    }

    @Test
    void generateWhenCalledRepeatedlyThenValuesAreDistinct() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            secrets.add(ClientSecrets.generate());
        }
        assertThat(secrets).hasSize(1000);
    }

    @Test
    void digestWhenKnownMessageThenSha256InBase64() {
        assertThat(ClientSecrets.digest(FIPS_MESSAGE)).isEqualTo(FIPS_DIGEST);
    }

    @Test
    void matchesDigestWhenSameSecretThenTrue() {
        String secret = ClientSecrets.generate();
        String digest = ClientSecrets.digest(secret);

        assertThat(digest).startsWith("$sha256$").hasSize(8 + 43).doesNotContain(secret);
        assertThat(ClientSecrets.matchesDigest(secret, digest)).isTrue();
    }

    @Test
    void matchesDigestWhenDifferentSecretThenFalse() {
        String digest = ClientSecrets.digest(ClientSecrets.generate());

        assertThat(ClientSecrets.matchesDigest(ClientSecrets.generate(), digest)).isFalse();
        assertThat(ClientSecrets.matchesDigest("", digest)).isFalse();
        assertThat(ClientSecrets.matchesDigest(FIPS_MESSAGE + " ", FIPS_DIGEST)).isFalse();
    }

    @Test
    void isDigestWhenDigestThenTrue() {
        assertThat(ClientSecrets.isDigest(ClientSecrets.digest(ClientSecrets.generate()))).isTrue();
        assertThat(ClientSecrets.isDigest(FIPS_DIGEST)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "secret-password",
            "$sha256$",
            "$sha256$JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBs",
            "$sha256$JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE=",
            "$sha256$JI1qYdIGOLjlwCaTDD5gOaM85Flk_yFn9uzt1BnbBsE",
            "$sha256$JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsF",
            "$SHA256$JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE",
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"})
    void isDigestWhenNotADigestThenFalse(String value) {
        assertThat(ClientSecrets.isDigest(value)).isFalse();
    }

    @Test
    void matchesDigestWhenStoredValueNotADigestThenIllegalArgumentWithoutEcho() {
        String stored = "my-plain-text-client-secret";

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ClientSecrets.matchesDigest(stored, stored))
                .withMessageContaining("not a client secret digest")
                .withMessageNotContaining(stored);
    }

    @Test
    void digestWhenSecretShorterThan32CharactersThenRejectedWithAdvice() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ClientSecrets.digest("secret-password"))
                .withMessageContaining("PasswordHasher")
                .withMessageNotContaining("secret-password");
    }

    @Test
    void publicMethodsWhenNullThenNamedNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> ClientSecrets.digest(null)).withMessage("secret");
        assertThatNullPointerException().isThrownBy(() -> ClientSecrets.matchesDigest(null, FIPS_DIGEST))
                .withMessage("secret");
        assertThatNullPointerException().isThrownBy(() -> ClientSecrets.matchesDigest("x", null)).withMessage("digest");
        assertThatNullPointerException().isThrownBy(() -> ClientSecrets.isDigest(null)).withMessage("value");
    }
}
