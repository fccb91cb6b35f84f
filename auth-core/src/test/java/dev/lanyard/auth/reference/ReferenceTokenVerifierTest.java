package dev.lanyard.auth.reference;

import dev.lanyard.auth.password.ClientSecrets;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.token.ExpiredTokenException;
import dev.lanyard.auth.token.InMemoryRevocationList;
import dev.lanyard.auth.token.MalformedTokenException;
import dev.lanyard.auth.token.RevokedTokenException;
import dev.lanyard.auth.token.TokenVerifier;
import dev.lanyard.auth.token.VerifiedToken;
import dev.lanyard.auth.user.InMemoryUserStore;
import dev.lanyard.auth.user.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reference-token verifier on its own, outside a TokenService, as a resource server would use it. */
class ReferenceTokenVerifierTest {

    final MutableClock clock = MutableClock.at("2026-12-02T10:00:00Z");
    final InMemoryReferenceTokenStore store = new InMemoryReferenceTokenStore();
    final InMemoryRevocationList revocations = new InMemoryRevocationList(clock);
    final InMemoryUserStore users = new InMemoryUserStore();
    final User alice = User.builder("alice").roles(Set.of("admin")).build();
    final String raw = "an-opaque-reference-token-value-of-43-chars";
    final TokenVerifier seam;
    final ReferenceTokenVerifier verifier;

    ReferenceTokenVerifierTest() {
        users.create(alice);
        Instant now = clock.instant();
        store.save(new ReferenceToken(digest(raw), "jti-1", "web", alice.id(), Set.of("profile"), now,
                now.plus(Duration.ofMinutes(30)), now.plus(Duration.ofHours(8)), "family-1"));
        verifier = ReferenceTokenVerifier.builder().store(store).issuer("https://auth.example")
                .idleTimeout(Duration.ofMinutes(30)).revocations(revocations).users(users).clock(clock).build();
        seam = verifier;
    }

    static String digest(String token) {
        return dev.lanyard.auth.internal.Secrets.digest(token);
    }

    @Test
    void aUseExtendsTheIdleTimeoutAndAnInspectionDoesNot() {
        clock.advance(Duration.ofMinutes(20));
        VerifiedToken t = seam.verify(raw);
        assertThat(t.subject()).isEqualTo(alice.id());
        assertThat(t.claim("roles")).contains(List.of("admin"));
        assertThat(t.claim("sid")).contains("family-1");
        assertThat(t.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));

        clock.advance(Duration.ofMinutes(20));
        assertThat(verifier.inspect(raw).expiresAt()).as("inspecting is no use").isEqualTo(t.expiresAt());
        clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(() -> verifier.inspect(raw)).isInstanceOf(ExpiredTokenException.class);
    }

    @Test
    void aRevokedIdOrADisabledUserEndsTheToken() {
        revocations.revoke("jti-1", clock.instant().plus(Duration.ofHours(8)));
        assertThatThrownBy(() -> verifier.verify(raw)).isInstanceOf(RevokedTokenException.class);
        assertThat(store.find(digest(raw))).as("deleted on the way").isEmpty();

        String other = ClientSecrets.generate();
        store.save(new ReferenceToken(digest(other), "jti-2", "web", alice.id(), Set.of(), clock.instant(),
                clock.instant().plus(Duration.ofMinutes(30)), clock.instant().plus(Duration.ofHours(1))));
        users.update(alice.toBuilder().enabled(false).build());
        assertThatThrownBy(() -> verifier.verify(other)).isInstanceOf(RevokedTokenException.class)
                .hasMessageNotContaining(other);
    }

    @Test
    void anEmptyOrOversizedTokenIsMalformedAndTheBuilderNamesWhatIsMissing() {
        assertThatThrownBy(() -> verifier.verify("")).isInstanceOf(MalformedTokenException.class);
        assertThatThrownBy(() -> verifier.verify("x".repeat(513))).isInstanceOf(MalformedTokenException.class);
        assertThatThrownBy(() -> ReferenceTokenVerifier.builder().store(store).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("issuer(..)");
    }
}
