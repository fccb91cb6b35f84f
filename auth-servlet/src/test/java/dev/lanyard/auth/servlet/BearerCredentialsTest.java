package dev.lanyard.auth.servlet;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BearerCredentialsTest {

    @Test
    void tokenAfterTheSchemeIsReturned() {
        assertThat(BearerCredentials.parse("Bearer abc.def-_~+/=", "Bearer")).contains("abc.def-_~+/=");
        assertThat(BearerCredentials.parse("bearer   abc", "Bearer")).contains("abc");
        assertThat(BearerCredentials.parse("BEARER abc", "Bearer")).contains("abc");
    }

    @Test
    void absentHeaderOrAnotherSchemeIsEmpty() {
        assertThat(BearerCredentials.parse(null, "Bearer")).isEmpty();
        assertThat(BearerCredentials.parse("Basic dXNlcjpwYXNz", "Bearer")).isEmpty();
        assertThat(BearerCredentials.parse("BearerX abc", "Bearer")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer    ", "Bearer a b", "Bearer a=b", "Bearer =abc", "Bearer a\tb",
            "Bearer a,b", "Bearer \"abc\""})
    void malformedCredentialsAreInvalidRequest(String header) {
        assertThatThrownBy(() -> BearerCredentials.parse(header, "Bearer"))
                .isInstanceOf(AuthException.class)
                .satisfies(e -> assertThat(((AuthException) e).error()).isEqualTo(OAuthError.INVALID_REQUEST));
    }

    @Test
    void malformedMessageNeverEchoesTheCredentials() {
        assertThatThrownBy(() -> BearerCredentials.parse("Bearer secret-part other-part", "Bearer"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-part"));
    }
}
