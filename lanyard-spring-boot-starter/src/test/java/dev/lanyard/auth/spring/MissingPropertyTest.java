package dev.lanyard.auth.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.auth.TokenService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A missing or refused lanyard.* property stops the start with a message naming it. */
class MissingPropertyTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LanyardAutoConfiguration.class));

    @Test
    void withoutIssuerTheStartFailsNamingLanyardIssuer() {
        runner.withPropertyValues("lanyard.audience=https://api.example").run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootCause(context.getStartupFailure()))
                    .isInstanceOf(LanyardConfigurationException.class)
                    .hasMessageStartingWith("lanyard.issuer is required");
        });
    }

    @Test
    void withoutAudienceTheStartFailsNamingLanyardAudience() {
        runner.withPropertyValues("lanyard.issuer=http://localhost").run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootCause(context.getStartupFailure()))
                    .isInstanceOf(LanyardConfigurationException.class)
                    .hasMessageStartingWith("lanyard.audience is required");
        });
    }

    @Test
    void plainHttpIssuerOnAnotherHostIsRefusedNamingTheProperty() {
        runner.withPropertyValues("lanyard.issuer=http://auth.example", "lanyard.audience=https://api.example")
                .run(context -> assertThat(rootCauseOrSelf(context.getStartupFailure()))
                        .hasMessageContaining("lanyard.issuer is refused"));
    }

    @Test
    void overlongAccessTokenLifetimeIsRefusedNamingTheProperty() {
        runner.withPropertyValues("lanyard.issuer=http://localhost", "lanyard.audience=https://api.example",
                        "lanyard.access-token-lifetime=2h")
                .run(context -> assertThat(configurationFailure(context.getStartupFailure()).property())
                        .isEqualTo("lanyard.access-token-lifetime"));
    }

    @Test
    void withBothTheServiceIsBuiltWithoutAWebServer() {
        runner.withPropertyValues("lanyard.issuer=http://localhost", "lanyard.audience=https://api.example")
                .run(context -> assertThat(context).hasSingleBean(TokenService.class)
                        .doesNotHaveBean("lanyardServletContextInitializer"));
    }

    @Test
    void failureAnalyzerNamesThePropertyToSet() {
        var analysis = new LanyardConfigurationFailureAnalyzer().analyze(new IllegalStateException("wrapped",
                new LanyardConfigurationException("lanyard.issuer", "is required: the URL")));

        assertThat(analysis.getDescription()).contains("lanyard.issuer is required");
        assertThat(analysis.getAction()).startsWith("Set lanyard.issuer");
    }

    private static Throwable rootCause(Throwable t) {
        return configurationFailure(t);
    }

    private static Throwable rootCauseOrSelf(Throwable t) {
        return configurationFailure(t);
    }

    private static LanyardConfigurationException configurationFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof LanyardConfigurationException e) {
                return e;
            }
        }
        throw new AssertionError("no LanyardConfigurationException in " + t, t);
    }
}
