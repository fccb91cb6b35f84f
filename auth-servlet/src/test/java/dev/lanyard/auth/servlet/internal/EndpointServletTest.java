package dev.lanyard.auth.servlet.internal;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The body-read deadline's init parameter: seconds or ISO-8601, checked at once. */
class EndpointServletTest {

    @Test
    void bodyReadTimeoutWhenSecondsOrIsoDurationThenParsed() throws ServletException {
        assertThat(EndpointServlet.parseTimeout("10")).isEqualTo(Duration.ofSeconds(10));
        assertThat(EndpointServlet.parseTimeout("PT0.5S")).isEqualTo(Duration.ofMillis(500));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "soon", "PT0S", "PT0.0001S", "PT11M", ""})
    void bodyReadTimeoutWhenNotAPositiveDurationUpToTenMinutesThenRefusedNamingTheParameter(String value) {
        assertThatThrownBy(() -> EndpointServlet.parseTimeout(value)).isInstanceOf(ServletException.class)
                .hasMessageContaining("lanyard.bodyReadTimeout");
    }
}
