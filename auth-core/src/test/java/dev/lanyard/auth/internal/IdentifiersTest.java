package dev.lanyard.auth.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifiersTest {

    @ParameterizedTest(name = "U+{0} is refused")
    @ValueSource(strings = {"0000", "0009", "000A", "000D", "001B", "007F", "0085", "00AD", "034F", "061C", "115F",
            "180E", "200B", "200C", "200D", "200E", "202E", "2028", "2029", "2060", "2066", "3164", "FE0F", "FEFF",
            "FFA0", "D800", "DC00", "E0001", "E0100"})
    void isCleanWhenAControlFormatOrDefaultIgnorableCodePointThenFalse(String hex) {
        String c = Character.toString(Integer.parseInt(hex, 16));

        assertThat(Identifiers.isClean("app" + c)).isFalse();
        assertThat(Identifiers.isClean(c + "app")).isFalse();
    }

    @Test
    void isCleanOfOrdinaryNamesThenTrue() {
        assertThat(Identifiers.isClean("my-app.client_1@example.com")).isTrue();
        assertThat(Identifiers.isClean("Zoë 名前 \ud83e\udd8a π")).isTrue(); // a surrogate pair is one code point
        assertThat(Identifiers.isClean("")).isTrue();
        assertThat(Identifiers.isClean(null)).isTrue();
    }

    @Test
    void quoteEscapesEverythingButPrintableAsciiAndCutsLongValues() {
        assertThat(Identifiers.quote("x\u0000\n<fake line>")).isEqualTo("'x\\u0000\\u000A<fake line>'");
        assertThat(Identifiers.quote("it's")).isEqualTo("'it\\u0027s'");
        assertThat(Identifiers.quote("a".repeat(100))).isEqualTo("'" + "a".repeat(64) + "'...");
        assertThat(Identifiers.quote(null)).isEqualTo("(none)");
    }

    @Test
    void forLogKeepsACleanShortValueAndQuotesTheRest() {
        assertThat(Identifiers.forLog("alice")).isEqualTo("alice");
        assertThat(Identifiers.forLog("x\u0000\n")).isEqualTo("'x\\u0000\\u000A'");
        assertThat(Identifiers.forLog(null)).isNull();
    }
}
