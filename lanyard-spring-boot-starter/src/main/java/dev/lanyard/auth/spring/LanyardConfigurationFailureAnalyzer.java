package dev.lanyard.auth.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused {@code lanyard.*} property as Boot's "APPLICATION FAILED TO START" report, without a stack trace. */
class LanyardConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<LanyardConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LanyardConfigurationException cause) {
        return new FailureAnalysis("Lanyard's configuration is incomplete: " + cause.getMessage() + ".",
                "Set " + cause.property() + " in application.properties (or as an environment variable).", cause);
    }
}
