package dev.lanyard.auth.token;

import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.key.KeyRing;
import dev.lanyard.auth.key.SigningAlgorithm;
import dev.lanyard.auth.key.SigningKey;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokenRoundTripTest {

    static final String ISS = "https://auth.example";
    static final String AUD = "https://api.example";

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");

    AccessTokenIssuer issuer(KeyManager keys) {
        return AccessTokenIssuer.builder().issuer(ISS).audience(AUD).keys(keys).clock(clock).build();
    }

    AccessTokenVerifier verifier(KeyManager keys) {
        return AccessTokenVerifier.builder().issuer(ISS).audience(AUD).keys(keys).clock(clock).build();
    }

    @Test
    void buildWhenTheIssuerIsPlainHttpToAnotherHostThenRefusedUnlessAllowed() {
        KeyManager keys = KeyManager.builder().build();

        assertThatThrownBy(() -> AccessTokenIssuer.builder().issuer("http://auth.example").audience(AUD).keys(keys).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("use https");
        assertThat(AccessTokenIssuer.builder().issuer("http://auth.example").allowInsecureIssuer().audience(AUD).keys(keys)
                .build()).isNotNull();
        assertThat(AccessTokenIssuer.builder().issuer("http://localhost:8080").audience(AUD).keys(keys).build()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void issueThenVerifyRoundTripsForEveryAlgorithm(SigningAlgorithm algorithm) {
        KeyManager keys = KeyManager.builder().algorithm(algorithm).clock(clock).build();
        IssuedToken issued = issuer(keys).issue(AccessTokenRequest.builder("alice", "web-app")
                .scopes(List.of("orders:read", "orders:write"))
                .claim("appId", "shop")
                .build());

        VerifiedToken token = verifier(keys).verify(issued.value());

        assertThat(token.subject()).isEqualTo("alice");
        assertThat(token.clientId()).isEqualTo("web-app");
        assertThat(token.issuer()).isEqualTo(ISS);
        assertThat(token.audience()).containsExactly(AUD);
        assertThat(token.scopes()).containsExactly("orders:read", "orders:write");
        assertThat(token.jti()).isEqualTo(issued.jti()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(token.issuedAt()).isEqualTo(clock.instant());
        assertThat(token.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(token.kid()).isEqualTo(keys.current().active().kid());
        assertThat(token.claim("appId")).contains("shop");
    }

    @Test
    void issuedTokenFollowsRfc9068() {
        KeyManager keys = KeyManager.builder().clock(clock).build();
        IssuedToken issued = issuer(keys).issue(AccessTokenRequest.builder("alice", "web-app").build());
        String[] parts = issued.value().split("\\.");

        String header = new String(java.util.Base64.getUrlDecoder().decode(parts[0]));
        assertThat(header).contains("\"typ\":\"at+jwt\"").contains("\"alg\":\"RS256\"")
                .contains("\"kid\":\"" + keys.current().active().kid() + "\"");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        assertThat(payload).contains("\"iss\":\"" + ISS + "\"")
                .contains("\"client_id\":\"web-app\"").contains("\"jti\"").contains("\"iat\"").contains("\"exp\"")
                .doesNotContain("\"scope\"");
    }

    @Test
    void tokenSignedByRetiringKeyStillVerifiesAfterRotation() {
        KeyManager keys = KeyManager.builder().clock(clock).overlap(Duration.ofHours(1)).build();
        IssuedToken before = issuer(keys).issue(AccessTokenRequest.builder("alice", "web-app").build());
        AccessTokenVerifier verifier = verifier(keys);

        keys.rotate();
        IssuedToken after = issuer(keys).issue(AccessTokenRequest.builder("alice", "web-app").build());

        assertThat(verifier.verify(before.value()).kid()).isNotEqualTo(verifier.verify(after.value()).kid());
    }

    @Test
    void tokenSignedByDroppedKeyNoLongerVerifiesEvenWhenCached() {
        KeyManager keys = KeyManager.builder().clock(clock).overlap(Duration.ofMinutes(10)).build();
        AccessTokenIssuer issuer = AccessTokenIssuer.builder().issuer(ISS).audience(AUD).keys(keys).clock(clock)
                .lifetime(Duration.ofMinutes(30)).build();
        IssuedToken token = issuer.issue(AccessTokenRequest.builder("alice", "web-app").build());
        AccessTokenVerifier verifier = verifier(keys);
        verifier.verify(token.value()); // now cached

        keys.rotate();
        clock.advance(Duration.ofMinutes(11));
        assertThat(keys.rotateIfDue()).isTrue(); // drops the retired key

        assertThatThrownBy(() -> verifier.verify(token.value()))
                .isInstanceOf(UnknownKeyException.class)
                .extracting(e -> ((InvalidTokenException) e).error()).isEqualTo(OAuthError.INVALID_TOKEN);
    }

    @Test
    void aRetiredKeyStopsVerifyingAtItsDropTimeEvenIfNobodyPrunesTheRing() {
        KeyManager keys = KeyManager.builder().clock(clock).overlap(Duration.ofMinutes(10)).build();
        AccessTokenIssuer issuer = AccessTokenIssuer.builder().issuer(ISS).audience(AUD).keys(keys).clock(clock)
                .lifetime(Duration.ofMinutes(30)).build();
        IssuedToken token = issuer.issue(AccessTokenRequest.builder("alice", "web-app").build());
        AccessTokenVerifier verifier = verifier(keys); // with its cache
        keys.rotate();
        clock.advance(Duration.ofMinutes(9));
        assertThat(verifier.verify(token.value()).subject()).isEqualTo("alice"); // now cached
        assertThat(keys.current().retiring()).hasSize(1);

        clock.advance(Duration.ofMinutes(1)); // no rotateIfDue() anywhere

        assertThatThrownBy(() -> verifier.verify(token.value())).isInstanceOf(UnknownKeyException.class);
        assertThat(keys.current().retiring()).isEmpty();
    }

    @Test
    void tokenSignedByNextKeyVerifiesSoAnotherNodeCanRotateFirst() {
        KeyManager keys = KeyManager.builder().clock(clock).build();
        SigningKey next = keys.current().next().orElseThrow();
        KeyRing otherNode = KeyRing.of(next);
        IssuedToken token = AccessTokenIssuer.builder().issuer(ISS).audience(AUD).keys(otherNode).clock(clock).build()
                .issue(AccessTokenRequest.builder("alice", "web-app").build());

        assertThat(verifier(keys).verify(token.value()).kid()).isEqualTo(next.kid());
    }

    @Test
    void audienceAsArrayIsAcceptedWhenItHoldsThisServer() {
        KeyManager keys = KeyManager.builder().clock(clock).build();
        IssuedToken token = issuer(keys).issue(AccessTokenRequest.builder("alice", "web-app")
                .audience("https://other.example", AUD).build());

        assertThat(verifier(keys).verify(token.value()).audience()).containsExactly("https://other.example", AUD);
    }

    @Test
    void customizerAddsClaimsButCannotReplaceRegisteredOnes() {
        KeyManager keys = KeyManager.builder().clock(clock).build();
        AccessTokenIssuer withRoles = AccessTokenIssuer.builder().issuer(ISS).audience(AUD).keys(keys).clock(clock)
                .customizer(request -> Map.of("roles", List.of("admin"))).build();
        VerifiedToken token = verifier(keys).verify(withRoles.issue(AccessTokenRequest.builder("a", "c").build()).value());
        assertThat(token.claim("roles")).contains(List.of("admin"));

        AccessTokenIssuer hijack = AccessTokenIssuer.builder().issuer(ISS).audience(AUD).keys(keys).clock(clock)
                .customizer(request -> Map.of("sub", "root")).build();
        assertThatThrownBy(() -> hijack.issue(AccessTokenRequest.builder("a", "c").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'sub'");
        assertThatThrownBy(() -> issuer(keys).issue(AccessTokenRequest.builder("a", "c").claim("exp", 1).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'exp'");
    }

    @Test
    void verifiedClaimsCannotBeModifiedBySharedCacheUsers() {
        KeyManager keys = KeyManager.builder().clock(clock).build();
        AccessTokenIssuer issuer = AccessTokenIssuer.builder().issuer(ISS).audience(AUD).keys(keys).clock(clock)
                .customizer(request -> Map.of("roles", List.of("user"))).build();
        VerifiedToken token = verifier(keys).verify(issuer.issue(AccessTokenRequest.builder("a", "c").build()).value());

        @SuppressWarnings("unchecked")
        List<Object> roles = (List<Object>) token.claims().get("roles");
        assertThatThrownBy(() -> roles.add("admin")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> token.claims().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void lifetimeOverOneHourIsRefusedWithoutExplicitOverride() {
        KeyManager keys = KeyManager.builder().clock(clock).build();
        assertThatThrownBy(() -> AccessTokenIssuer.builder().issuer(ISS).audience(AUD).keys(keys)
                .lifetime(Duration.ofHours(2)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("allowLongLifetime");

        AccessTokenIssuer longLived = AccessTokenIssuer.builder().issuer(ISS).audience(AUD).keys(keys).clock(clock)
                .lifetime(Duration.ofHours(2)).allowLongLifetime().build();
        assertThat(longLived.issue(AccessTokenRequest.builder("a", "c").build()).expiresAt())
                .isEqualTo(clock.instant().plus(Duration.ofHours(2)));
    }

    @Test
    void builderSettingsAreCheckedAtOnce() {
        assertThatThrownBy(() -> AccessTokenVerifier.builder().clockSkew(Duration.ofMinutes(6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clockSkew");
        assertThatThrownBy(() -> AccessTokenVerifier.builder().maxTokenSize(100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTokenSize");
        assertThatThrownBy(() -> AccessTokenVerifier.builder().issuer(ISS).issuer(ISS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already set");
        assertThatThrownBy(() -> AccessTokenVerifier.builder().issuer(ISS).audience(AUD).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("keys(..)");
        assertThatThrownBy(() -> AccessTokenRequest.builder("a", "c").scopes(List.of("bad scope")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verifyWithoutCacheGivesTheSameResult() {
        KeyManager keys = KeyManager.builder().clock(clock).build();
        IssuedToken issued = issuer(keys).issue(AccessTokenRequest.builder("alice", "web-app").build());
        AccessTokenVerifier uncached = AccessTokenVerifier.builder().issuer(ISS).audience(AUD).keys(keys)
                .clock(clock).cacheSize(0).build();

        assertThat(uncached.verify(issued.value()).jti()).isEqualTo(issued.jti());
        clock.set(issued.expiresAt().plus(Duration.ofSeconds(61)));
        assertThatThrownBy(() -> uncached.verify(issued.value())).isInstanceOf(ExpiredTokenException.class);
    }
}
