package dev.lanyard.auth.password;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Published vectors (bcrypt: Openwall, John the Ripper, py-bcrypt, passlib; PBKDF2-SHA256: RFC 7914 and
 * passlib; Argon2id: the reference implementation's test suite), kept in {@code password/vectors.json}
 * with the source of each.
 */
class KnownAnswerTest {

    private static final PasswordHasher HASHER = PasswordHasher.defaults();

    static List<Arguments> vectors() throws Exception {
        try (InputStream in = KnownAnswerTest.class.getResourceAsStream("/password/vectors.json")) {
            Map<String, Object> file = JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, Object> sources = JSONObjectUtils.getJSONObject(file, "sources");
            return List.of(JSONObjectUtils.getJSONObjectArray(file, "vectors")).stream()
                    .map(v -> {
                        assertThat(sources).as("source of %s", v.get("name")).containsKey((String) v.get("source"));
                        return Arguments.of(v.get("name"), v.get("password"), v.get("hash"));
                    })
                    .toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifyWhenPublishedVectorThenMatchesItsPasswordOnly(String name, String password, String hash) {
        assertThat(HASHER.isSupportedHash(hash)).isTrue();
        assertThat(HASHER.verify(password.toCharArray(), hash)).isTrue();
        assertThat(HASHER.verify(("x" + password).toCharArray(), hash)).isFalse();
    }
}
