package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.internal.Secrets;
import dev.lanyard.auth.refresh.InvalidRefreshTokenException;
import dev.lanyard.auth.refresh.RefreshTokenEntry;
import dev.lanyard.auth.refresh.RefreshTokenReusedException;
import dev.lanyard.auth.refresh.RefreshTokenStore.IssuedAccess;
import dev.lanyard.auth.refresh.RefreshTokens;
import dev.lanyard.auth.refresh.RefreshTokens.Rotated;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Several app nodes race on one refresh token over one real database. Each node is a
 * {@link RefreshTokens} with its own {@link JdbcRefreshTokenStore}, {@link JdbcRevocationList} and
 * connections; every round starts a family, then releases all racers at once (a barrier) to rotate
 * the same token across the nodes. The clock stands still, so the grace window never closes by
 * itself.
 */
abstract class RefreshRotationRace {

    static final int NODES = 2;
    static final int RACERS = 4;
    static final String CLIENT = "web-app";

    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    private final List<NodePool> pools = new ArrayList<>();
    private final ExecutorService racers = Executors.newFixedThreadPool(RACERS);
    /** Payloads of every successor minted by an issuer, whether or not its rotation won. */
    private final Set<String> minted = ConcurrentHashMap.newKeySet();
    /** Where the test reads the database directly. */
    private DataSource schema;

    /** The database of the concrete test, registered as an extension there. */
    abstract TestDatabase db();

    /** How many rounds each test races. */
    int rounds() {
        return 200;
    }

    /** Statements run on each node's connections when they open; none by default. */
    String[] sessionSetup() {
        return new String[0];
    }

    @BeforeEach
    void emptySchema() throws SQLException {
        db().emptyLanyardSchema();
        schema = pool(); // the test's own reads, on connections of their own
    }

    @AfterEach
    void closeNodes() {
        racers.shutdownNow();
        pools.forEach(NodePool::close);
    }

    @Test
    void withoutGraceExactlyOneRacerRotatesAndTheFamilyEndsRevoked() throws Exception {
        List<RefreshTokens> nodes = nodes(Duration.ZERO);
        JdbcRevocationList revoked = new JdbcRevocationList(schema, clock, Duration.ZERO);
        int reuse = 0;
        for (int round = 0; round < rounds(); round++) {
            String token = login(nodes.get(0), round);
            int r = round;

            List<Object> outcomes = race(i -> nodes.get(i % NODES).rotate(token, CLIENT, issuer(r, i)));

            List<Rotated> won = rotations(outcomes);
            assertThat(won).as("round %d: winners", round).hasSize(1);
            for (Object o : outcomes) {
                if (!(o instanceof Rotated)) {
                    assertThat(o).as("round %d: a loser", round).isInstanceOf(InvalidRefreshTokenException.class);
                    reuse += o instanceof RefreshTokenReusedException ? 1 : 0;
                }
            }
            String familyId = won.get(0).family().id();
            assertThat(tokensOf(familyId)).as("round %d: no second branch", round).isEqualTo(2);
            // A loser saw the token rotated: reuse, so the family is revoked, the winner's token too...
            assertThat(familyRevoked(familyId)).as("round %d: family revoked", round).isTrue();
            assertRefused(nodes.get(1), won.get(0).refreshToken());
            // ...and no access token of the family escaped the revocation list.
            assertThat(revoked.isRevoked("at-" + round)).isTrue();
            assertThat(revoked.isRevoked(accessOf(won.get(0)))).as("round %d: winner's access token revoked", round)
                    .isTrue();
        }
        assertThat(reuse).isGreaterThanOrEqualTo(rounds());
    }

    @Test
    void withGraceEveryRacerGetsTheWinnersPair() throws Exception {
        List<RefreshTokens> nodes = nodes(Duration.ofSeconds(10));
        for (int round = 0; round < rounds(); round++) {
            String token = login(nodes.get(0), round);
            int r = round;

            List<Object> outcomes = race(i -> nodes.get(i % NODES).rotate(token, CLIENT, issuer(r, i)));

            List<Rotated> got = rotations(outcomes);
            assertThat(got).as("round %d: every racer succeeds, got %s", round, outcomes).hasSize(RACERS);
            Rotated first = got.get(0);
            assertThat(got).as("round %d: one pair", round).allSatisfy(g -> {
                assertThat(g.refreshToken()).isEqualTo(first.refreshToken());
                assertThat(g.payload()).isEqualTo(first.payload());
            });
            assertThat(got).filteredOn(g -> !g.replay()).as("round %d: one rotation minted the pair", round).hasSize(1);
            assertThat(minted).contains(first.payload());
            String familyId = first.family().id();
            assertThat(tokensOf(familyId)).as("round %d: no second branch", round).isEqualTo(2);
            assertThat(successorAccessOf(token)).isEqualTo(accessOf(first));
            assertThat(familyRevoked(familyId)).isFalse();
        }
        // Racers that read the token while it was still active minted too; only the winner's pair was kept.
        System.out.printf("%s: %d successors minted for %d rounds of %d racers, one kept per round%n", db().product(),
                minted.size(), rounds(), RACERS);
        String token = login(nodes.get(0), rounds());
        String next = nodes.get(1).rotate(token, CLIENT, issuer(rounds(), 0)).refreshToken();
        assertThat(nodes.get(0).rotate(next, CLIENT, issuer(rounds(), 1)).replay()).isFalse();
    }

    @Test
    void aRotationRacingARevocationNeverLosesAnAccessToken() throws Exception {
        List<JdbcRefreshTokenStore> stores = List.of(new JdbcRefreshTokenStore(pool()), new JdbcRefreshTokenStore(pool()));
        RefreshTokens node = RefreshTokens.builder().store(stores.get(0)).clock(clock).build();
        int rotatedFirst = 0;
        for (int round = 0; round < rounds(); round++) {
            String token = login(node, round);
            String familyId = stores.get(0).find(Secrets.digest(token)).orElseThrow().family().id();
            Instant now = clock.instant();
            RefreshTokenEntry successor = RefreshTokenEntry.active(Secrets.digest("next-" + round), familyId, now,
                    now.plusSeconds(600), "at-next-" + round, now.plusSeconds(60));

            List<Object> outcomes = race(2, i -> i == 0
                    ? stores.get(0).rotate(Secrets.digest(token), now, new byte[] {1, 2, 3}, successor)
                    : stores.get(1).revokeFamily(familyId, now));

            boolean rotated = (Boolean) outcomes.get(0);
            @SuppressWarnings("unchecked")
            List<IssuedAccess> access = (List<IssuedAccess>) outcomes.get(1);
            List<String> jtis = access.stream().map(IssuedAccess::jti).toList();
            if (rotated) {
                rotatedFirst++;
                assertThat(jtis).as("round %d: the revocation waited for the rotation", round)
                        .containsExactlyInAnyOrder("at-" + round, "at-next-" + round);
            } else {
                assertThat(jtis).as("round %d: the rotation came too late", round).containsExactly("at-" + round);
                assertThat(stores.get(0).find(successor.digest())).isEmpty();
            }
            assertThat(familyRevoked(familyId)).isTrue();
        }
        // Which one wins is up to the database; the assertions above hold either way.
        System.out.printf("%s: the rotation won %d of %d rounds against the revocation%n", db().product(),
                rotatedFirst, rounds());
    }

    // --- the nodes ---

    private List<RefreshTokens> nodes(Duration grace) throws SQLException {
        List<RefreshTokens> nodes = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            DataSource pool = pool();
            nodes.add(RefreshTokens.builder()
                    .store(new JdbcRefreshTokenStore(pool))
                    .revocations(new JdbcRevocationList(pool, clock))
                    .clock(clock)
                    .graceWindow(grace)
                    .build());
        }
        return nodes;
    }

    private DataSource pool() throws SQLException {
        NodePool pool = new NodePool(db().dataSource(), RACERS, sessionSetup());
        pools.add(pool);
        return pool;
    }

    private String login(RefreshTokens node, int round) {
        return node.startFamily(CLIENT, "alice", Set.of("read"), clock.instant(), "at-" + round,
                clock.instant().plus(Duration.ofMinutes(15)), null);
    }

    /** Mints a successor whose payload names its round and racer, and remembers it. */
    private RefreshTokens.SuccessorIssuer issuer(int round, int racer) {
        return family -> {
            String payload = "{\"access_token\":\"at-" + round + "-" + racer + "\"}";
            minted.add(payload);
            return new RefreshTokens.Successor("at-" + round + "-" + racer, clock.instant().plus(Duration.ofMinutes(15)),
                    payload);
        };
    }

    private static String accessOf(Rotated rotated) {
        String p = rotated.payload();
        return p.substring(p.indexOf("at-"), p.lastIndexOf('"'));
    }

    // --- racing ---

    /** Each racer's result, or the exception it threw. */
    private List<Object> race(IntFunctionThrowing task) throws Exception {
        return race(RACERS, task);
    }

    private List<Object> race(int count, IntFunctionThrowing task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(count);
        List<Future<Object>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int racer = i;
            futures.add(racers.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                try {
                    return task.apply(racer);
                } catch (RuntimeException e) {
                    return e;
                }
            }));
        }
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> f : futures) {
            outcomes.add(f.get(30, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    /** The rotations among the outcomes; any exception but a refused token fails the test. */
    private static List<Rotated> rotations(List<Object> outcomes) {
        List<Rotated> out = new ArrayList<>();
        for (Object o : outcomes) {
            if (o instanceof Rotated r) {
                out.add(r);
            } else if (o instanceof RuntimeException e && !(e instanceof InvalidRefreshTokenException)) {
                fail("a racer failed: " + e, e);
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface IntFunctionThrowing {
        Object apply(int racer) throws Exception;
    }

    // --- reading the database directly ---

    private static void assertRefused(RefreshTokens node, String token) {
        try {
            node.rotate(token, CLIENT, family -> fail("a revoked family must not mint"));
            fail("the winner's token rotated although its family is revoked");
        } catch (InvalidRefreshTokenException expected) {
            // revoked
        }
    }

    private long tokensOf(String familyId) throws SQLException {
        return queryLong("SELECT COUNT(*) FROM lanyard_refresh_tokens WHERE family_id = ?", familyId);
    }

    private boolean familyRevoked(String familyId) throws SQLException {
        try (Connection c = schema.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT revoked FROM lanyard_refresh_families WHERE id = ?")) {
            ps.setString(1, familyId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBoolean(1);
            }
        }
    }

    /** The access token stored with the successor of {@code token}. */
    private String successorAccessOf(String token) throws SQLException {
        try (Connection c = schema.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT s.access_token_id FROM lanyard_refresh_tokens t"
                     + " JOIN lanyard_refresh_tokens s ON s.digest = t.successor_digest WHERE t.digest = ?")) {
            ps.setString(1, Secrets.digest(token));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private long queryLong(String sql, String parameter) throws SQLException {
        try (Connection c = schema.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
