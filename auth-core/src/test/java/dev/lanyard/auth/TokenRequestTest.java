package dev.lanyard.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenRequestTest {

    @Test
    void toStringEscapesCallerInputSoThatLoggingItCannotForgeALine() {
        TokenRequest request = TokenRequest.clientCredentials("x\u0000\n12:00 INFO admin logged in", "s3cret")
                .scope("read\u202e").build();

        assertThat(request.toString()).doesNotContain("\n").doesNotContain("\u0000").doesNotContain("\u202e")
                .contains("x\\u0000\\u000A12:00").doesNotContain("s3cret");
    }
}
