package dev.lanyard.auth.servlet.internal;

import dev.lanyard.auth.servlet.BearerCredentialsSpec;

import java.util.Objects;

/**
 * The bearer part of a builder: either {@code header(..)}, {@code scheme(..)} and {@code realm(..)}, each
 * once, or a whole {@link BearerCredentialsSpec}; never both.
 */
public final class BearerSettings {

    private final BearerCredentialsSpec.Builder parts = BearerCredentialsSpec.builder();
    private boolean partSet;
    private BearerCredentialsSpec spec;

    public void header(String header) {
        refuseSpec();
        parts.header(header);
        partSet = true;
    }

    public void scheme(String scheme) {
        refuseSpec();
        parts.scheme(scheme);
        partSet = true;
    }

    public void realm(String realm) {
        refuseSpec();
        parts.realm(realm);
        partSet = true;
    }

    public void spec(BearerCredentialsSpec spec) {
        Objects.requireNonNull(spec, "credentials");
        if (this.spec != null) {
            throw new IllegalStateException("credentials was already set on this builder");
        }
        if (partSet) {
            throw new IllegalStateException("credentials(..) replaces header(..), scheme(..) and realm(..): set one or the other");
        }
        this.spec = spec;
    }

    public BearerCredentialsSpec build() {
        return spec != null ? spec : parts.build();
    }

    private void refuseSpec() {
        if (spec != null) {
            throw new IllegalStateException("credentials(..) replaces header(..), scheme(..) and realm(..): set one or the other");
        }
    }
}
