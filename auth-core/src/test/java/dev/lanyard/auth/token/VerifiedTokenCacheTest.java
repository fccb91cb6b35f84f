package dev.lanyard.auth.token;

import dev.lanyard.auth.internal.TokenKey;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokenCacheTest {

    static final String ISS = "https://auth.example";
    static final String AUD = "https://api.example";

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final KeyManager keys = KeyManager.builder().clock(clock).build();
    final AccessTokenIssuer issuer = AccessTokenIssuer.builder().issuer(ISS).audience(AUD).keys(keys).clock(clock).build();
    final InMemoryRevocationList revoked = new InMemoryRevocationList(clock);
    final AccessTokenVerifier verifier = AccessTokenVerifier.builder().issuer(ISS).audience(AUD).keys(keys).clock(clock)
            .revocations(revoked).build();

    String mint() {
        return issuer.issue(AccessTokenRequest.builder("alice", "web-app").build()).value();
    }

    @Test
    void secondVerifyOfTheSameTokenIsACacheHit() {
        String token = mint();

        VerifiedToken first = verifier.verify(token);

        assertThat(verifier.verify(token)).isSameAs(first);
        assertThat(verifier.verify(new String(token.toCharArray()))).isSameAs(first);
    }

    @Test
    void cachedTokenStillExpiresAtItsExp() {
        String token = mint();
        verifier.verify(token);

        clock.advance(Duration.ofMinutes(15).plusSeconds(59));
        assertThat(verifier.verify(token).subject()).isEqualTo("alice"); // within skew
        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(ExpiredTokenException.class);
    }

    @Test
    void revocationIsSeenOnTheNextHit() {
        String token = mint();
        VerifiedToken verified = verifier.verify(token);

        revoked.revoke(verified.jti(), verified.expiresAt());

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(RevokedTokenException.class);
    }

    @Test
    void aTokenDifferingFromACachedOneOnlyBeforeItsSignatureTailIsVerifiedOnItsOwn() {
        String token = mint();
        verifier.verify(token);
        // Same last 32 characters (same cache bucket), different payload: must not be served from the cache.
        int firstDot = token.indexOf('.');
        String forged = token.substring(0, firstDot + 1) + "eyJzdWIiOiJhZG1pbiJ9" + token.substring(token.lastIndexOf('.'));

        assertThat(new TokenKey(forged).hashCode()).isEqualTo(new TokenKey(token).hashCode());
        assertThat(new TokenKey(forged)).isNotEqualTo(new TokenKey(token));
        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void keyRotationThatKeepsTheKeyStillAcceptsCachedTokens() {
        String token = mint();
        VerifiedToken first = verifier.verify(token);

        keys.rotate();

        VerifiedToken again = verifier.verify(token);
        assertThat(again.jti()).isEqualTo(first.jti());
        assertThat(again).isNotSameAs(first); // re-verified against the new ring, then cached again
        assertThat(verifier.verify(token)).isSameAs(again);
    }

    @Test
    void aCheckedHeaderIsReusedButEverySignatureIsStillVerified() {
        String token = mint();
        verifier.verify(token); // the header is now known
        int first = token.indexOf('.');
        String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"admin\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String forged = token.substring(0, first + 1) + otherPayload + token.substring(token.lastIndexOf('.'));

        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(InvalidSignatureException.class);
        assertThat(verifier.verify(mint()).subject()).isEqualTo("alice");
    }

    @Test
    void failedVerificationsAreNotCached() {
        String token = mint();
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BA" : "AA");

        assertThatThrownBy(() -> verifier.verify(tampered)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify(tampered)).isInstanceOf(InvalidTokenException.class);
        assertThat(verifier.verify(token).subject()).isEqualTo("alice");
    }

    @Test
    void tokenKeyNeverPrintsTheToken() {
        String token = mint();

        assertThat(new TokenKey(token).toString()).doesNotContain(token.substring(token.lastIndexOf('.') + 1, token.length() - 1));
    }
}
