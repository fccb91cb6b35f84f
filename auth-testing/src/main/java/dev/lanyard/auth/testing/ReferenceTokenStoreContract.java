package dev.lanyard.auth.testing;

import dev.lanyard.auth.internal.Secrets;
import dev.lanyard.auth.reference.ReferenceToken;
import dev.lanyard.auth.reference.ReferenceTokenStore;

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
 * The behaviour every {@link ReferenceTokenStore} owes its callers. Extend it with a store of your own
 * and JUnit runs every case against it:
 *
 * <pre>{@code
 * class RedisReferenceTokenStoreTest extends ReferenceTokenStoreContract {
 *     @Override
 *     protected ReferenceTokenStore newStore() {
 *         return new RedisReferenceTokenStore(emptyTestRedis());
 *     }
 * }
 * }</pre>
 *
 * <p>Instants are whole milliseconds, which every store keeps exactly. The suite ships in the
 * auth-core test-jar (classifier {@code tests}); it needs JUnit Jupiter and AssertJ on the test
 * classpath.
 */
public abstract class ReferenceTokenStoreContract {

    /** When the tests' tokens were issued. */
    protected static final Instant T0 = Instant.parse("2026-11-22T10:00:00.789Z");
    /** Their idle expiry, as saved. */
    protected static final Instant IDLE = T0.plus(Duration.ofMinutes(30));
    /** Their absolute expiry. */
    protected static final Instant END = T0.plus(Duration.ofHours(8));

    /** The store under test. */
    protected ReferenceTokenStore store;

    /**
     * A new, empty store; called before each test.
     *
     * @return a store holding no tokens, not shared with any other test
     */
    protected abstract ReferenceTokenStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    // --- save and find ---

    @Test
    void saveThenFindReturnsEveryField() {
        ReferenceToken token = new ReferenceToken(digest("t1"), "rt-1", "web-app", "alice",
                new LinkedHashSet<>(List.of("write", "read", "urn:x:y")), T0, IDLE, END);

        store.save(token);

        ReferenceToken found = store.find(token.digest()).orElseThrow();
        assertThat(found).isEqualTo(token);
        assertThat(new ArrayList<>(found.scopes())).containsExactly("write", "read", "urn:x:y");
    }

    @Test
    void findWhenUnknownThenEmpty() {
        store.save(token("t1", "alice"));

        assertThat(store.find(digest("no-such-token"))).isEmpty();
    }

    @Test
    void findReturnsDeadTokensToo() {
        store.save(token("t1", "alice"));

        assertThat(store.find(digest("t1"))).get().satisfies(t -> assertThat(t.liveAt(END)).isFalse());
    }

    @Test
    void digestsCompareExactly() {
        ReferenceToken token = token("t1", "alice");
        store.save(token);

        assertThat(store.find(token.digest().toUpperCase(Locale.ROOT))).isEmpty();
        assertThat(store.find(token.digest() + " ")).isEmpty();
        assertThat(store.touch(token.digest().toLowerCase(Locale.ROOT), T0, IDLE.plusSeconds(60))).isEmpty();
    }

    @Test
    void saveWhenTheDigestExistsThenRefusedAndTheFirstKept() {
        ReferenceToken token = token("t1", "alice");
        store.save(token);

        assertThatThrownBy(() -> store.save(new ReferenceToken(token.digest(), "rt-2", "other", "mallory", Set.of(), T0,
                END, END))).isInstanceOf(IllegalStateException.class);

        assertThat(store.find(token.digest())).contains(token);
    }

    // --- touch ---

    @Test
    void touchMovesTheIdleExpiryForward() {
        store.save(token("t1", "alice"));
        Instant now = T0.plus(Duration.ofMinutes(20));

        ReferenceToken touched = store.touch(digest("t1"), now, now.plus(Duration.ofMinutes(30))).orElseThrow();

        assertThat(touched.idleExpiresAt()).isEqualTo(now.plus(Duration.ofMinutes(30)));
        assertThat(store.find(digest("t1")).orElseThrow().idleExpiresAt()).isEqualTo(now.plus(Duration.ofMinutes(30)));
        assertThat(touched.expiresAt()).isEqualTo(END);
    }

    @Test
    void touchNeverMovesTheIdleExpiryBackwards() {
        store.save(token("t1", "alice"));

        ReferenceToken touched = store.touch(digest("t1"), T0.plusSeconds(1), IDLE.minusSeconds(60)).orElseThrow();

        assertThat(touched.idleExpiresAt()).isEqualTo(IDLE);
        assertThat(store.find(digest("t1")).orElseThrow().idleExpiresAt()).isEqualTo(IDLE);
    }

    @Test
    void touchNeverMovesTheIdleExpiryPastTheAbsoluteExpiry() {
        store.save(token("t1", "alice"));
        Instant now = END.minus(Duration.ofMinutes(10));

        ReferenceToken touched = store.touch(digest("t1"), IDLE.minusSeconds(1), END.plus(Duration.ofHours(1)))
                .orElseThrow();

        assertThat(touched.idleExpiresAt()).isEqualTo(END);
        assertThat(store.touch(digest("t1"), now, END.plusSeconds(5)).orElseThrow().idleExpiresAt()).isEqualTo(END);
        assertThat(store.find(digest("t1")).orElseThrow().idleExpiresAt()).isEqualTo(END);
    }

    @Test
    void touchWhenIdleExpiredThenEmptyAndNotRevived() {
        store.save(token("t1", "alice"));

        assertThat(store.touch(digest("t1"), IDLE, IDLE.plus(Duration.ofMinutes(30)))).isEmpty();
        assertThat(store.touch(digest("t1"), IDLE.plusSeconds(1), IDLE.plus(Duration.ofMinutes(30)))).isEmpty();

        assertThat(store.find(digest("t1")).orElseThrow().idleExpiresAt()).isEqualTo(IDLE);
    }

    @Test
    void touchWhenPastTheAbsoluteExpiryThenEmpty() {
        store.save(new ReferenceToken(digest("t1"), "rt-1", "web-app", "alice", Set.of(), T0, END.plusSeconds(60), END));

        assertThat(store.touch(digest("t1"), END, END.plusSeconds(120))).isEmpty();
        assertThat(store.find(digest("t1")).orElseThrow().idleExpiresAt()).isEqualTo(END.plusSeconds(60));
    }

    @Test
    void touchWhenUnknownThenEmpty() {
        assertThat(store.touch(digest("no-such-token"), T0, IDLE)).isEmpty();
    }

    @Test
    void touchOfALiveTokenWithAnEarlierTargetStillReturnsIt() {
        ReferenceToken token = token("t1", "alice");
        store.save(token);

        assertThat(store.touch(digest("t1"), T0, T0.plusSeconds(1))).contains(token);
    }

    @Test
    void concurrentTouchesKeepTheLatestIdleExpiry() throws Exception {
        store.save(token("t1", "alice"));
        int threads = 8;
        Instant now = T0.plusSeconds(60);

        Race.run(threads, i -> store.touch(digest("t1"), now, IDLE.plusSeconds(10L * ((i * 5) % threads))).orElseThrow());

        assertThat(store.find(digest("t1")).orElseThrow().idleExpiresAt()).isEqualTo(IDLE.plusSeconds(10L * (threads - 1)));
    }

    // --- revoke and purge ---

    @Test
    void revokeReturnsTrueThenFalse() {
        store.save(token("t1", "alice"));
        store.save(token("t2", "alice"));

        assertThat(store.revoke(digest("t1"))).isTrue();
        assertThat(store.revoke(digest("t1"))).isFalse();
        assertThat(store.revoke(digest("no-such-token"))).isFalse();

        assertThat(store.find(digest("t1"))).isEmpty();
        assertThat(store.touch(digest("t1"), T0, IDLE.plusSeconds(60))).isEmpty();
        assertThat(store.find(digest("t2"))).isPresent();
    }

    @Test
    void revokeSubjectDeletesOnlyThatSubjectsTokens() {
        store.save(token("a1", "alice"));
        store.save(token("a2", "alice"));
        store.save(token("b1", "bob"));
        store.save(token("A1", "Alice"));

        assertThat(store.revokeSubject("alice")).isEqualTo(2);
        assertThat(store.revokeSubject("alice")).isZero();

        assertThat(store.find(digest("a1"))).isEmpty();
        assertThat(store.find(digest("a2"))).isEmpty();
        assertThat(store.find(digest("b1"))).isPresent();
        assertThat(store.find(digest("A1"))).isPresent();
    }

    @Test
    void purgeDeletesOnlyTokensThatAreNoLongerLive() {
        Instant now = T0.plus(Duration.ofHours(1));
        store.save(new ReferenceToken(digest("idle-gone"), "rt-1", "app", "alice", Set.of(), T0, now.minusMillis(1), END));
        store.save(new ReferenceToken(digest("idle-now"), "rt-2", "app", "alice", Set.of(), T0, now, END));
        store.save(new ReferenceToken(digest("end-gone"), "rt-3", "app", "alice", Set.of(), T0, END, now));
        store.save(new ReferenceToken(digest("live"), "rt-4", "app", "alice", Set.of(), T0, now.plusMillis(1), END));

        assertThat(store.purge(now)).isEqualTo(3);

        assertThat(store.find(digest("live"))).isPresent();
        assertThat(store.find(digest("idle-gone"))).isEmpty();
        assertThat(store.find(digest("idle-now"))).isEmpty();
        assertThat(store.find(digest("end-gone"))).isEmpty();
        assertThat(store.purge(now)).isZero();
    }

    @Test
    void theRefreshFamilyOfATokenRoundTripsAndSurvivesATouch() {
        ReferenceToken withFamily = new ReferenceToken(digest("fam"), "rt-fam", "web-app", "alice", Set.of("read"),
                T0, IDLE, END, "family-1");
        store.save(withFamily);

        assertThat(store.find(digest("fam"))).contains(withFamily);
        assertThat(store.touch(digest("fam"), T0, IDLE.plusSeconds(60)).orElseThrow().familyId()).isEqualTo("family-1");
        store.save(token("nofam", "bob"));
        assertThat(store.find(digest("nofam")).orElseThrow().familyId()).isNull();
    }

    // --- helpers ---

    /**
     * A token for {@code web-app} issued at {@link #T0}, idle until {@link #IDLE}, dead at {@link #END}.
     *
     * @param raw the token as the client would present it; the store only ever sees its digest
     * @param subject the user the token was issued to
     * @return the token, keyed by {@link #digest(String) digest(raw)}
     */
    protected static ReferenceToken token(String raw, String subject) {
        return new ReferenceToken(digest(raw), "rt-" + raw, "web-app", subject, Set.of("read"), T0, IDLE, END);
    }

    /**
     * The digest a store is keyed by, computed as the server computes it, so tests never hand a raw token to the
     * store.
     *
     * @param raw the token as the client would present it
     * @return its digest
     */
    protected static String digest(String raw) {
        return Secrets.digest(raw);
    }
}
