package dev.lanyard.auth.servlet.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether two servlet URL patterns share a path: what decides that a scope rule is reachable from a mapping. */
class PathPatternTest {

    @ParameterizedTest(name = "{0} and {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /*             | /orders/*   | true
            /api/*         | /orders/*   | false
            /api/*         | /api/orders/* | true
            /api/orders/*  | /api/*      | true
            /api/*         | /apiary/*   | false
            /api/*         | /api        | true
            /api/*         | /api/x      | true
            /api/*         | /orders     | false
            /api/*         | *.json      | true
            *.json         | /a.json     | true
            *.json         | /a.xml      | false
            *.gz           | *.tar.gz    | true
            *.json         | *.xml       | false
            /health        | /health     | true
            /health        | /healthz    | false
            """)
    void overlapsWhenSomePathMatchesBoth(String a, String b, boolean expected) {
        assertThat(new PathPattern(a).overlaps(new PathPattern(b))).isEqualTo(expected);
        assertThat(new PathPattern(b).overlaps(new PathPattern(a))).as("symmetric").isEqualTo(expected);
    }
}
