package dev.lanyard.auth.servlet;

import dev.lanyard.auth.InvalidRequestException;
import dev.lanyard.auth.TokenService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared header/scheme/realm value of the filter, the admin and the logout endpoints. */
class BearerCredentialsSpecTest {

    @Test
    void standardThenAuthorizationBearerRealmLanyard() {
        BearerCredentialsSpec spec = BearerCredentialsSpec.standard();

        assertThat(spec.header()).isEqualTo("Authorization");
        assertThat(spec.scheme()).isEqualTo("Bearer");
        assertThat(spec.realm()).isEqualTo("lanyard");
        assertThat(spec.challenge()).isEqualTo("Bearer realm=\"lanyard\"");
        assertThat(spec).isEqualTo(BearerCredentialsSpec.builder().build());
    }

    @Test
    void tokenReadWithTheConfiguredScheme() {
        BearerCredentialsSpec spec = BearerCredentialsSpec.builder().header("X-Simplicite-Authorization")
                .scheme("Token").realm("simplicite").build();

        assertThat(spec.token("token abc.def")).hasValue("abc.def");
        assertThat(spec.token("Bearer abc.def")).isEmpty();
        assertThat(spec.token(null)).isEmpty();
        assertThatThrownBy(() -> spec.token("Token ")).isInstanceOf(InvalidRequestException.class);
        assertThat(spec.challenge()).isEqualTo("Bearer realm=\"simplicite\"");
    }

    @Test
    void eachSettingOnceAndCheckedAtOnce() {
        BearerCredentialsSpec.Builder b = BearerCredentialsSpec.builder().header("X-Auth");

        assertThatThrownBy(() -> b.header("Authorization")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BearerCredentialsSpec.builder().header("Bad Header"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BearerCredentialsSpec.builder().scheme("Be arer"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BearerCredentialsSpec.builder().realm("a\"b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneSpecPerBuilderAndOnTheFilterASpecOrItsPartsNeverBoth() {
        BearerCredentialsSpec spec = BearerCredentialsSpec.builder().header("X-Auth").build();
        TokenService tokens = new Fixture().service(java.time.Clock.systemUTC()).build();

        assertThatThrownBy(() -> LogoutEndpoint.builder(tokens).credentials(spec).credentials(spec))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AdminEndpointConfig.builder().credentials(spec).credentials(spec))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BearerFilterConfig.builder(tokens::verify).credentials(spec).credentials(spec))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BearerFilterConfig.builder(tokens::verify).header("X-Auth").credentials(spec))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BearerFilterConfig.builder(tokens::verify).credentials(spec).realm("api"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BearerFilterConfig.builder(tokens::verify).header("X-Auth").header("X-Other"))
                .isInstanceOf(IllegalStateException.class);
    }
}
