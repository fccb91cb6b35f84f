package dev.lanyard.auth.password;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Values that are not supported hashes: refused before any work, with a message that never echoes them. */
class MalformedHashTest {

    private static final PasswordHasher HASHER = PasswordHasher.builder().argon2id(8192, 1, 1).build();

    private static final String ARGON2_SALT = "c29tZXNhbHQ";
    private static final String ARGON2_HASH = "CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    private static final String ARGON2 = "$argon2id$v=19$m=65536,t=2,p=1$" + ARGON2_SALT + "$" + ARGON2_HASH;
    private static final String BCRYPT = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
    private static final String PASSLIB = "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ";
    private static final String PBKDF2_HASH = "VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLxJypzM8Xm2RZkWZLOdd+8xfHG4RbHjC9UJESBB06GXgw";

    static List<Arguments> malformed() {
        return List.of(
                Arguments.of("empty", ""),
                Arguments.of("plain text", "correct horse battery staple"),
                Arguments.of("plain text starting with $", "$ecretPassw0rd!"),
                Arguments.of("argon2id truncated before the hash", ARGON2.substring(0, ARGON2.lastIndexOf('$'))),
                Arguments.of("argon2id truncated inside the hash", ARGON2.substring(0, ARGON2.lastIndexOf('$') + 6)),
                Arguments.of("argon2id trailing field", ARGON2 + "$"),
                Arguments.of("argon2id bad base64 char", ARGON2.replace("CTFhFdXPJO1aF", "CTFhFdXPJO1a_")),
                Arguments.of("argon2id padded base64", ARGON2.replace(ARGON2_SALT, ARGON2_SALT + "=")),
                Arguments.of("argon2id non-canonical base64", ARGON2.replace(ARGON2_SALT, "c29tZXNhbHR")),
                Arguments.of("argon2id memory 4 GiB", ARGON2.replace("m=65536", "m=4194304")),
                Arguments.of("argon2id memory 11 digits", ARGON2.replace("m=65536", "m=99999999999")),
                Arguments.of("argon2id 1000 iterations", ARGON2.replace("t=2", "t=1000")),
                Arguments.of("argon2id zero iterations", ARGON2.replace("t=2", "t=0")),
                Arguments.of("argon2id zero parallelism", ARGON2.replace("p=1", "p=0")),
                Arguments.of("argon2id memory under 8 KiB per lane", ARGON2.replace("m=65536,t=2,p=1", "m=8,t=2,p=2")),
                Arguments.of("argon2id leading zero", ARGON2.replace("m=65536", "m=065536")),
                Arguments.of("argon2id version 16", ARGON2.replace("v=19", "v=16")),
                Arguments.of("argon2id without version", ARGON2.replace("v=19$", "")),
                Arguments.of("argon2id parameters out of order", ARGON2.replace("m=65536,t=2", "t=2,m=65536")),
                Arguments.of("argon2id salt of 4 bytes", ARGON2.replace(ARGON2_SALT, "c29tZQ")),
                Arguments.of("argon2i", "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA"),
                Arguments.of("too long", "$argon2id$v=19$m=65536,t=2,p=1$" + "A".repeat(600) + "$" + ARGON2_HASH),
                Arguments.of("bcrypt truncated", BCRYPT.substring(0, BCRYPT.length() - 1)),
                Arguments.of("bcrypt bad char", BCRYPT.replace("vyOeW", "vy!eW")),
                Arguments.of("bcrypt $2x$", "$2x$05$/OK.fbVrR/bpIqNJ5ianF.CE5elHaaO4EbggVDjb8P19RukzXSM3e"),
                Arguments.of("bcrypt $2$", "$2$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy"),
                Arguments.of("bcrypt cost 3", BCRYPT.replace("$05$", "$03$")),
                Arguments.of("bcrypt cost 31", BCRYPT.replace("$05$", "$31$")),
                Arguments.of("bcrypt cost 17", BCRYPT.replace("$05$", "$17$")),
                Arguments.of("pbkdf2 zero iterations", "$pbkdf2-sha256$i=0,l=64$c2FsdA$" + PBKDF2_HASH),
                Arguments.of("pbkdf2 100 million iterations", "$pbkdf2-sha256$i=100000000,l=64$c2FsdA$" + PBKDF2_HASH),
                Arguments.of("pbkdf2 length mismatch", "$pbkdf2-sha256$i=1,l=32$c2FsdA$" + PBKDF2_HASH),
                Arguments.of("pbkdf2 hash over 64 bytes", "$pbkdf2-sha256$i=1$c2FsdA$" + PBKDF2_HASH + PBKDF2_HASH),
                Arguments.of("pbkdf2 salt under 4 bytes", "$pbkdf2-sha256$i=1,l=64$c2E$" + PBKDF2_HASH),
                Arguments.of("pbkdf2 unknown parameter", "$pbkdf2-sha256$i=1,x=64$c2FsdA$" + PBKDF2_HASH),
                Arguments.of("passlib leading zero", PASSLIB.replace("$1212$", "$01212$")),
                Arguments.of("passlib '+' in adapted base64", PASSLIB.replace("Fg.fJ", "Fg+fJ")),
                Arguments.of("passlib trailing field", PASSLIB + "$"),
                Arguments.of("passlib empty iterations", PASSLIB.replace("$1212$", "$$")),
                Arguments.of("pbkdf2-sha1", "$pbkdf2$1212$OB.dtnSEXZK8U5cgxU/GYQ$y5LKPOplRmok7CZp/aqVDVg8zGI"),
                Arguments.of("client secret digest", "$sha256$JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void verifyWhenMalformedThenIllegalArgumentWithoutEchoingTheValue(String name, String value) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> HASHER.verify("password".toCharArray(), value));

        assertThat(e).as(name).isNotNull();
        assertThat(e.getMessage()).contains("not a supported password hash");
        assertDoesNotEcho(e.getMessage(), value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void needsRehashWhenMalformedThenIllegalArgumentWithoutEchoingTheValue(String name, String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HASHER.needsRehash(value))
                .satisfies(e -> assertDoesNotEcho(e.getMessage(), value));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isSupportedHashWhenMalformedThenFalse(String name, String value) {
        assertThat(HASHER.isSupportedHash(value)).isFalse();
    }

    /** Neither the value nor any long field of it (a salt, a hash, a password) may appear. */
    private static void assertDoesNotEcho(String message, String value) {
        if (!value.isEmpty()) {
            assertThat(message).doesNotContain(value);
        }
        Arrays.stream(value.split("\\$"))
                .filter(field -> field.length() >= 10 && !field.equals("pbkdf2-sha256"))
                .forEach(field -> assertThat(message).doesNotContain(field));
    }
}
