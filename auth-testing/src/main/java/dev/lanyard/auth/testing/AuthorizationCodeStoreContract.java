package dev.lanyard.auth.testing;

import dev.lanyard.auth.grant.AuthorizationCode;
import dev.lanyard.auth.grant.AuthorizationCodeStore;
import dev.lanyard.auth.grant.AuthorizationCodeStore.Issued;
import dev.lanyard.auth.grant.AuthorizationCodeStore.Redemption;
import dev.lanyard.auth.internal.Secrets;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link AuthorizationCodeStore} owes the authorization-code grant. Extend it with
 * a store of your own and JUnit runs every case against it:
 *
 * <pre>{@code
 * class RedisAuthorizationCodeStoreTest extends AuthorizationCodeStoreContract {
 *     @Override
 *     protected AuthorizationCodeStore newStore() {
 *         return new RedisAuthorizationCodeStore(emptyTestRedis());
 *     }
 * }
 * }</pre>
 *
 * <p>Instants are whole milliseconds, which every store keeps exactly. The suite ships in the
 * auth-core test-jar (classifier {@code tests}); it needs JUnit Jupiter and AssertJ on the test
 * classpath.
 */
public abstract class AuthorizationCodeStoreContract {

    /** When the tests' codes were issued. */
    protected static final Instant T0 = Instant.parse("2026-11-22T10:00:00.456Z");

    /** The store under test. */
    protected AuthorizationCodeStore store;

    /**
     * A new, empty store; called before each test.
     *
     * @return a store holding no codes, not shared with any other test
     */
    protected abstract AuthorizationCodeStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void saveThenRedeemReturnsTheCodeForItsFirstUse() {
        AuthorizationCode code = new AuthorizationCode(digest("c1"), "spa", "alice",
                "https://app.example.com/cb?tenant=a&x=%20y", new LinkedHashSet<>(List.of("openid", "orders:read", "a")),
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "S256", T0.minusSeconds(30), T0.plusSeconds(60));
        store.save(code);
        Issued issued = new Issued("fam-1", "jti-1", T0.plus(Duration.ofMinutes(15)));

        Redemption r = store.redeem(code.digest(), issued).orElseThrow();

        assertThat(r.firstUse()).isTrue();
        assertThat(r.code()).isEqualTo(code);
        assertThat(new ArrayList<>(r.code().scopes())).containsExactly("openid", "orders:read", "a");
        assertThat(r.issued()).isEqualTo(issued);
    }

    @Test
    void saveThenRedeemKeepsAClientCodeAClientCode() {
        AuthorizationCode code = AuthorizationCode.forClient(digest("client-code"), "flask-app", Set.of("profile"),
                T0, T0.plusSeconds(60));
        store.save(code);

        Redemption r = store.redeem(code.digest(), new Issued("fam-1", "jti-1", T0.plusSeconds(900))).orElseThrow();

        assertThat(r.code()).isEqualTo(code);
        assertThat(r.code().isClientCode()).isTrue();
        assertThat(r.code().redirectUri()).isEmpty();
    }

    @Test
    void redeemASecondTimeReturnsWhatTheFirstIssued() {
        AuthorizationCode code = code("c1");
        store.save(code);
        Issued first = new Issued("fam-1", "jti-1", T0.plus(Duration.ofMinutes(15)));
        store.redeem(code.digest(), first);

        Redemption again = store.redeem(code.digest(), new Issued("fam-2", "jti-2", T0.plusSeconds(5))).orElseThrow();

        assertThat(again.firstUse()).isFalse();
        assertThat(again.code()).isEqualTo(code);
        assertThat(again.issued()).isEqualTo(first);
        assertThat(store.redeem(code.digest(), new Issued(null, "jti-3", T0)).orElseThrow().issued()).isEqualTo(first);
    }

    @Test
    void redeemWhenUnknownThenEmpty() {
        store.save(code("c1"));

        assertThat(store.redeem(digest("no-such-code"), issued("jti-1"))).isEmpty();
        assertThat(store.redeem(null, issued("jti-1"))).isEmpty();
        assertThat(store.redeem(digest("c1"), issued("jti-2")).orElseThrow().firstUse()).isTrue();
    }

    @Test
    void digestsCompareExactly() {
        AuthorizationCode code = code("c1");
        store.save(code);

        assertThat(store.redeem(code.digest().toUpperCase(Locale.ROOT), issued("jti-1"))).isEmpty();
        assertThat(store.redeem(code.digest() + " ", issued("jti-1"))).isEmpty();
        assertThat(store.redeem(code.digest(), issued("jti-2")).orElseThrow().firstUse()).isTrue();
    }

    @Test
    void saveWhenTheDigestExistsThenRefusedAndTheFirstKept() {
        AuthorizationCode code = code("c1");
        store.save(code);
        AuthorizationCode clash = new AuthorizationCode(code.digest(), "other", "mallory", "https://evil.example/cb",
                Set.of(), null, null, T0, T0.plusSeconds(600));

        assertThatThrownBy(() -> store.save(clash)).isInstanceOf(IllegalStateException.class);

        assertThat(store.redeem(code.digest(), issued("jti-1")).orElseThrow().code()).isEqualTo(code);
    }

    @Test
    void codeWithoutPkceOrScopesRoundTrips() {
        AuthorizationCode bare = new AuthorizationCode(digest("bare"), "web", "bob", "https://web.example/cb", Set.of(),
                null, null, T0, T0.plusSeconds(60));
        store.save(bare);

        AuthorizationCode back = store.redeem(bare.digest(), issued("jti-1")).orElseThrow().code();

        assertThat(back).isEqualTo(bare);
        assertThat(back.codeChallenge()).isNull();
        assertThat(back.challengeMethod()).isNull();
        assertThat(back.scopes()).isEmpty();
    }

    @Test
    void issuedWithoutAFamilyRoundTrips() {
        store.save(code("c1"));
        Issued noFamily = new Issued(null, "jti-1", T0.plusSeconds(900));
        store.redeem(digest("c1"), noFamily);

        assertThat(store.redeem(digest("c1"), issued("jti-2")).orElseThrow().issued()).isEqualTo(noFamily);
    }

    @Test
    void codesAreRedeemedIndependently() {
        store.save(code("c1"));
        store.save(code("c2"));

        store.redeem(digest("c1"), issued("jti-1"));

        assertThat(store.redeem(digest("c2"), issued("jti-2")).orElseThrow().firstUse()).isTrue();
    }

    @Test
    void concurrentRedemptionsHaveExactlyOneFirstUse() throws Exception {
        int threads = 8;
        for (int round = 0; round < 5; round++) {
            String d = digest("race-" + round);
            store.save(code("race-" + round));

            List<Redemption> results = Race.run(threads,
                    i -> store.redeem(d, new Issued("fam-" + i, "jti-" + i, T0.plusSeconds(i))).orElseThrow());

            List<Redemption> first = results.stream().filter(Redemption::firstUse).toList();
            assertThat(first).hasSize(1);
            assertThat(results).allSatisfy(r -> assertThat(r.issued()).isEqualTo(first.get(0).issued()));
        }
    }

    @Test
    void purgeDeletesOnlyCodesExpiredBeforeNow() {
        Instant now = T0.plusSeconds(120);
        store.save(withExpiry("gone", now.minusMillis(1)));
        store.save(withExpiry("used-gone", now.minusSeconds(60)));
        store.save(withExpiry("edge", now));
        store.save(withExpiry("live", now.plusSeconds(60)));
        store.redeem(digest("used-gone"), issued("jti-1"));

        assertThat(store.purge(now)).isEqualTo(2);

        assertThat(store.redeem(digest("gone"), issued("jti-2"))).isEmpty();
        assertThat(store.redeem(digest("used-gone"), issued("jti-3"))).isEmpty();
        assertThat(store.redeem(digest("edge"), issued("jti-4"))).isPresent();
        assertThat(store.redeem(digest("live"), issued("jti-5"))).isPresent();
        assertThat(store.purge(now)).isZero();
    }

    // --- helpers ---

    /**
     * A code for {@code spa}, issued at {@link #T0} for a minute.
     *
     * @param raw the code as the client would present it; the store only ever sees its digest
     * @return the code, keyed by {@link #digest(String) digest(raw)}
     */
    protected static AuthorizationCode code(String raw) {
        return withExpiry(raw, T0.plusSeconds(60));
    }

    /**
     * A code like {@link #code(String)}, but expiring at the given instant, for the expiry and purge tests.
     *
     * @param raw the code as the client would present it
     * @param expiresAt when the code stops being redeemable
     * @return the code, keyed by {@link #digest(String) digest(raw)}
     */
    protected static AuthorizationCode withExpiry(String raw, Instant expiresAt) {
        return new AuthorizationCode(digest(raw), "spa", "alice", "https://app.example.com/cb", Set.of("openid"),
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "S256", T0, expiresAt);
    }

    /**
     * What a redemption records as issued for a code: a token family named after the access token, valid for
     * fifteen minutes from {@link #T0}.
     *
     * @param accessTokenId the id of the access token issued for the code
     * @return the issued tokens to pass to {@code redeem}
     */
    protected static Issued issued(String accessTokenId) {
        return new Issued("fam-" + accessTokenId, accessTokenId, T0.plus(Duration.ofMinutes(15)));
    }

    /**
     * The digest a store is keyed by, computed as the server computes it, so tests never hand a raw code to the
     * store.
     *
     * @param raw the code as the client would present it
     * @return its digest
     */
    protected static String digest(String raw) {
        return Secrets.digest(raw);
    }
}
