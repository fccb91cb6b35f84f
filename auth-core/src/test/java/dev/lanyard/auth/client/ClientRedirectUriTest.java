package dev.lanyard.auth.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Redirect URIs: https, http on loopback only, private-use schemes of native apps (RFC 8252 section 7). */
class ClientRedirectUriTest {

    @ParameterizedTest(name = "accepts {0}")
    @ValueSource(strings = {
            "https://app.example/cb",
            "https://app.example:8443/oauth/cb?tenant=1",
            "http://localhost:9999/callback",
            "http://127.0.0.1/cb",
            "http://127.0.0.1:51004/oauth2redirect",
            "http://[::1]:8080/cb",
            "com.example.app:/oauth2redirect/example-provider",
            "com.example.app:callback",
    })
    void buildWhenRedirectUriIsAllowedThenKept(String uri) {
        Client client = Client.builder("spa").publicClient().grants(Set.of("authorization_code"))
                .redirectUris(List.of(uri)).build();

        assertThat(client.redirectUris()).containsExactly(uri);
    }

    @ParameterizedTest(name = "refuses {0}")
    @CsvSource(delimiter = '|', value = {
            "javascript:alert(document.cookie)      | not allowed",
            "JavaScript:alert(1)                    | not allowed",
            "data:text/html;base64,PHNjcmlwdD4=     | not allowed",
            "vbscript:msgbox(1)                     | not allowed",
            "file:///etc/passwd                     | not allowed",
            "ftp://files.example/cb                 | not allowed",
            "myapp://cb                             | not allowed",
            "http://app.example/cb                  | not loopback",
            "http://localhost.evil.example/cb       | not loopback",
            "http://127.0.0.1.evil.example/cb       | not loopback",
            "https://app.example/cb#frag            | fragment",
            "https://app.example/cb#                | fragment",
            "com.example.app:/cb#x                  | fragment",
            "/relative/cb                           | absolute",
            "https:///cb                            | host",
            "https://good.example@evil.example/cb   | user name",
    })
    void buildWhenRedirectUriIsNotAllowedThenRefusedNamingTheRule(String uri, String rule) {
        assertThatThrownBy(() -> Client.builder("spa").publicClient().grants(Set.of("authorization_code"))
                .redirectUris(List.of(uri)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redirect URI")
                .hasMessageContaining(rule);
    }

    @ParameterizedTest(name = "escapes {0}")
    @ValueSource(strings = {"https://app.example/cb\n<fake line>", "javascript:alert(1)\u0000"})
    void checkRedirectUriNeverPutsControlCharactersInTheMessage(String uri) {
        assertThatThrownBy(() -> Client.checkRedirectUri(uri)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\u0000"));
    }
}
