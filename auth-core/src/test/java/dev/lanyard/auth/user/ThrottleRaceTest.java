package dev.lanyard.auth.user;

import dev.lanyard.auth.client.ClientCredential;
import dev.lanyard.auth.InvalidCredentialsException;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientAuthenticator;
import dev.lanyard.auth.client.ClientSecret;
import dev.lanyard.auth.client.InMemoryClientStore;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEvent.FailureReason;
import dev.lanyard.auth.event.AuthEventListener;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.guard.LockedOutException;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.password.PasswordHasher;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parallel wrong guesses must not get more evaluations than the failure budget: the attempt is reserved
 * before the slow hash. A guess was evaluated when its failure event says WRONG_CREDENTIALS (or UNKNOWN for a
 * user that does not exist); a refused one says LOCKED_OUT or RATE_LIMITED and never reaches the hasher.
 */
class ThrottleRaceTest {

    static final int GUESSES = 20;
    static final int BUDGET = 5;

    /** One hash at a time, so that the guesses really queue behind each other as on a busy server. */
    final PasswordHasher hasher = PasswordHasher.builder().argon2id(8192, 1, 1).maxConcurrent(1, Duration.ofSeconds(30))
            .build();
    final Queue<AuthEvent.LoginFailed> failures = new ConcurrentLinkedQueue<>();
    final AuthEvents events = AuthEvents.of(new AuthEventListener() {
        @Override
        public void loginFailed(AuthEvent.LoginFailed event) {
            failures.add(event);
        }
    });

    /** The caps on checks are lifted so that only the failure budgets bound the evaluations. */
    LoginThrottle.Builder throttle() {
        return LoginThrottle.builder().maxFailures(BUDGET).maxAddressFailures(BUDGET)
                .maxConcurrentChecks(1000, 1000).maxChecksPerMinute(1000, 1000);
    }

    @Test
    void parallelWrongPasswordsForOneAccountEvaluateAtMostTheBudget() throws Exception {
        UserAuthenticator auth = users(throttle().maxAddressFailures(1000).build());

        race(i -> auth.authenticate("alice", ("guess-" + i).toCharArray(), "203.0.113.7"));

        assertThat(evaluated()).isBetween(1L, (long) BUDGET);
    }

    @Test
    void parallelWrongPasswordsFromOneAddressEvaluateAtMostTheAddressBudget() throws Exception {
        UserAuthenticator auth = users(throttle().maxFailures(1000).build());

        race(i -> auth.authenticate("user" + i, "guess".toCharArray(), "203.0.113.7"));

        assertThat(evaluated()).isBetween(1L, (long) BUDGET);
    }

    @Test
    void parallelWrongClientSecretsFromOneAddressEvaluateAtMostTheAddressBudget() throws Exception {
        InMemoryClientStore clients = new InMemoryClientStore();
        clients.create(Client.builder("app").secrets(List.of(new ClientSecret("s1",
                hasher.hash("chosen-by-a-person".toCharArray()), Instant.now()))).build());
        ClientAuthenticator auth = ClientAuthenticator.builder().clients(clients).hasher(hasher)
                .throttle(throttle().build()).events(events).build();

        race(i -> auth.authenticate(ClientCredential.of("app", "guess-" + i), "203.0.113.7"));

        assertThat(evaluated()).isBetween(1L, (long) BUDGET);
    }

    UserAuthenticator users(LoginThrottle throttle) {
        InMemoryUserStore store = new InMemoryUserStore();
        store.create(User.builder("alice").passwordHash(hasher.hash("wonderland".toCharArray())).build());
        return UserAuthenticator.builder().users(store).hasher(hasher).throttle(throttle).events(events).build();
    }

    long evaluated() {
        return failures.stream().filter(f -> f.reason() == FailureReason.WRONG_CREDENTIALS
                || f.reason() == FailureReason.UNKNOWN).count();
    }

    /** Every guess fails one way or the other: wrong credentials, or refused by the throttle. */
    static void race(IntConsumer guess) throws Exception {
        CyclicBarrier start = new CyclicBarrier(GUESSES);
        ExecutorService pool = Executors.newFixedThreadPool(GUESSES);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < GUESSES; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        guess.accept(index);
                    } catch (InvalidCredentialsException | LockedOutException expected) {
                        // the outcome is read from the events
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
