package dev.lanyard.auth;

import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientSecret;
import dev.lanyard.auth.client.InMemoryClientStore;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEventListener;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.password.ClientSecrets;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.reference.InMemoryReferenceTokenStore;
import dev.lanyard.auth.reference.ReferenceTokenStore;
import dev.lanyard.auth.refresh.InMemoryRefreshTokenStore;
import dev.lanyard.auth.refresh.RefreshTokenStore;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.token.InMemoryRevocationList;
import dev.lanyard.auth.user.InMemoryUserStore;
import dev.lanyard.auth.user.User;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes refresh the same token; node B's rotation lands between node A's read and node A's
 * compare-and-set. Node A must leave nothing behind: no reference token row, no TokenIssued event.
 */
class RefreshRaceLossTest {

    static final PasswordHasher HASHER = PasswordHasher.builder().argon2id(8192, 1, 1).build();

    final MutableClock clock = MutableClock.at("2026-12-02T10:00:00Z");
    final InMemoryClientStore clients = new InMemoryClientStore();
    final InMemoryUserStore users = new InMemoryUserStore();
    final InMemoryRefreshTokenStore refreshRows = new InMemoryRefreshTokenStore();
    final InMemoryReferenceTokenStore referenceRows = new InMemoryReferenceTokenStore();
    final InMemoryRevocationList revocations = new InMemoryRevocationList(clock);
    final KeyManager keys = KeyManager.builder().build();
    final String secret = ClientSecrets.generate();
    final List<AuthEvent.TokenIssued> issued = new CopyOnWriteArrayList<>();
    final AtomicInteger referenceSaves = new AtomicInteger();
    /** Runs once, inside node A's rotate, before its compare-and-set. */
    final AtomicReference<Runnable> beforeRotate = new AtomicReference<>();

    RefreshRaceLossTest() {
        clients.create(Client.builder("web").grants(Set.of("password", "refresh_token")).scopes(Set.of("profile"))
                .secrets(List.of(new ClientSecret("s1", ClientSecrets.digest(secret), clock.instant()))).build());
        users.create(User.builder("alice").passwordHash(HASHER.hash("wonderland".toCharArray())).build());
    }

    @SuppressWarnings("unchecked")
    static <T> T intercept(Class<T> type, T target, String method, Runnable before) {
        InvocationHandler handler = (proxy, m, args) -> {
            if (m.getName().equals(method)) {
                before.run();
            }
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, handler);
    }

    TokenService node(RefreshTokenStore refresh, ReferenceTokenStore reference) {
        return TokenService.builder().issuer("https://auth.example").keys(keys).clients(clients).users(users)
                .clock(clock).hasher(HASHER).throttle(LoginThrottle.disabled()).revocations(revocations)
                .refreshTokens(refresh).referenceTokens(reference, Duration.ofMinutes(30))
                .refreshGraceWindow(Duration.ofSeconds(10))
                .listener(new AuthEventListener() {
                    @Override
                    public void tokenIssued(AuthEvent.TokenIssued event) {
                        issued.add(event);
                    }
                })
                .build();
    }

    @Test
    void theNodeThatLosesTheRotationStoresAndAnnouncesNothingAndGetsTheWinnersPair() {
        ReferenceTokenStore countedReference = intercept(ReferenceTokenStore.class, referenceRows, "save",
                referenceSaves::incrementAndGet);
        TokenService nodeB = node(refreshRows, countedReference);
        TokenService nodeA = node(intercept(RefreshTokenStore.class, refreshRows, "rotate", () -> {
            Runnable r = beforeRotate.getAndSet(null);
            if (r != null) {
                r.run();
            }
        }), countedReference);
        TokenResponse login = nodeA.grant(TokenRequest.password("web", secret, "alice", "wonderland".toCharArray()).build());
        String token = login.refreshTokenValue().orElseThrow();
        issued.clear();
        referenceSaves.set(0);
        AtomicReference<TokenResponse> winner = new AtomicReference<>();
        beforeRotate.set(() -> winner.set(nodeB.grant(TokenRequest.refreshToken("web", secret, token).build())));

        TokenResponse loser = nodeA.grant(TokenRequest.refreshToken("web", secret, token).build());

        assertThat(winner.get()).isNotNull();
        assertThat(loser.accessToken()).as("inside the grace window the loser gets the winner's pair")
                .isEqualTo(winner.get().accessToken());
        assertThat(loser.refreshTokenValue()).isEqualTo(winner.get().refreshTokenValue());
        assertThat(issued).as("one TokenIssued: the winner's").hasSize(1)
                .extracting(AuthEvent.TokenIssued::accessTokenId).containsExactly(winner.get().accessTokenId());
        assertThat(referenceSaves).as("one reference token row: the winner's").hasValue(1);
        assertThat(nodeA.verify(loser.accessToken()).jti()).isEqualTo(winner.get().accessTokenId());
    }
}
