package dev.lanyard.auth.user;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Usernames as RFC 8265 UsernameCaseMapped (PRECIS), with the RFC's own examples (section 3.5). */
class UsernameKeyTest {

    @ParameterizedTest(name = "RFC 8265 allows {0} as {1}")
    @CsvSource({
            "juliet@example.com, juliet@example.com",
            "fussball, fussball",
            "fußball, fußball",
            "π, π",
            "Σ, σ",
            "σ, σ",
            "ς, ς",
    })
    void usernameKeyOfTheRfcExamplesThatAreAllowed(String username, String key) {
        assertThat(User.usernameKey(username)).isEqualTo(key);
        assertThat(User.builder(username).build().username()).isEqualTo(username);
    }

    @ParameterizedTest(name = "RFC 8265 disallows {0}")
    @ValueSource(strings = {"foo bar", "henry\u2163", "\u265a"})
    void usernameKeyOfTheRfcExamplesThatAreDisallowedThenRefused(String username) {
        assertThatThrownBy(() -> User.usernameKey(username)).isInstanceOf(InvalidUsernameException.class)
                .hasMessageContaining("RFC 8265");
        assertThatThrownBy(() -> User.builder(username).build()).isInstanceOf(InvalidUsernameException.class);
    }

    @Test
    void usernameKeyWhenEmptyThenRefused() {
        assertThatThrownBy(() -> User.usernameKey("")).isInstanceOf(InvalidUsernameException.class);
    }

    @Test
    void usernameKeyMapsFullWidthToHalfWidthAndUpperToLowerCase() {
        assertThat(User.usernameKey("ＡＬＩＣＥ")).isEqualTo("alice");
        assertThat(User.usernameKey("Alice")).isEqualTo("alice");
        assertThat(User.usernameKey("e\u0301")).isEqualTo("\u00e9"); // NFC
        assertThat(User.usernameKey("\u212b")).isEqualTo("\u00e5"); // ANGSTROM SIGN: NFC, then lower case
    }

    @Test
    void usernameKeyOfDottedAndDotlessCapitalIKeepsThemApartFromAlice() {
        // Unicode's toLower: İ (U+0130) is i + U+0307 COMBINING DOT ABOVE; ı (U+0131) is its own letter.
        assertThat(User.usernameKey("ALİCE")).isEqualTo("ali\u0307ce").isNotEqualTo("alice");
        assertThat(User.usernameKey("alıce")).isEqualTo("alıce").isNotEqualTo("alice");
        assertThat(User.usernameKey("ALIce")).isEqualTo("alice");
    }

    @ParameterizedTest(name = "refuses U+{0}")
    @ValueSource(strings = {"200B", "200C", "200D", "2060", "FEFF", "00AD", "0000", "000A", "202E", "00A0", "3000"})
    void usernameKeyWhenItHoldsInvisibleControlOrSpaceCharactersThenRefusedWithoutEchoingIt(String hex) {
        String username = "root" + Character.toString(Integer.parseInt(hex, 16));

        assertThatThrownBy(() -> User.usernameKey(username)).isInstanceOf(InvalidUsernameException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("root"));
        assertThatThrownBy(() -> User.builder(username).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usernameKeyNamesTheDisallowedCodePoint() {
        assertThatThrownBy(() -> User.usernameKey("henry\u2163")).hasMessageContaining("U+2173");
        assertThatThrownBy(() -> User.usernameKey("foo bar")).hasMessageContaining("U+0020").hasMessageContaining("space");
    }

    @Test
    void usernameKeyWhenRightToLeftAndLeftToRightMixThenRefusedByTheBidiRule() {
        assertThat(User.usernameKey("\u05d0\u05d1")).isEqualTo("\u05d0\u05d1");
        assertThatThrownBy(() -> User.usernameKey("a\u05d0")).isInstanceOf(InvalidUsernameException.class)
                .hasMessageContaining("bidi");
    }
}
