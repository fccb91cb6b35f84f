package dev.lanyard.auth.grant;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationCodeTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void forClientThenIsClientCodeWithTheClientAsSubjectAndNoRedirectUri() {
        AuthorizationCode code = AuthorizationCode.forClient("d", "app", Set.of("a"), T0, T0.plusSeconds(60));

        assertThat(code.isClientCode()).isTrue();
        assertThat(code.subject()).isEqualTo("app");
        assertThat(code.redirectUri()).isEmpty();
        assertThat(code.codeChallenge()).isNull();
    }

    @Test
    void isClientCodeWhenABrowserCodeHasARedirectUriOrAUserThenFalse() {
        assertThat(new AuthorizationCode("d", "app", "app", "https://app.example/cb", Set.of(), null, null, T0,
                T0.plusSeconds(60)).isClientCode()).isFalse();
        assertThat(new AuthorizationCode("d", "app", "alice", "", Set.of(), null, null, T0,
                T0.plusSeconds(60)).isClientCode()).isFalse();
        assertThat(new AuthorizationCode("d", "app", "app", "", Set.of(), "challenge", "S256", T0,
                T0.plusSeconds(60)).isClientCode()).isFalse();
    }
}
