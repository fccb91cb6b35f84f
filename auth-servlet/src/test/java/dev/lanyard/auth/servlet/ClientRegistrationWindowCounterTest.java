package dev.lanyard.auth.servlet;

import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.admin.ClientAdmin;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.guard.WindowCounter;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.lanyard.auth.servlet.EndpointsTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Open registration with its windows in a {@link WindowCounter} given to the builder, as nodes that share
 * a database use it (auth-core's {@code JdbcThrottleStore}, tested on the real databases by its contract and,
 * over HTTP with two demo nodes, by auth-examples' {@code SharedThrottleServeTest}).
 */
class ClientRegistrationWindowCounterTest {

    static final String SECRET = "clientpassword";

    final MutableClock clock = MutableClock.at("2026-12-03T10:00:00Z");
    final Fixture fixture = new Fixture();
    final ClientAdmin admin = new ClientAdmin(fixture.clients, Fixture.HASHER, AuthEvents.none(), clock);

    ClientRegistrationEndpoint.Builder endpoint() {
        return ClientRegistrationEndpoint.openRegistration(admin).idField("client_user").secretField("client_password")
                .clock(clock);
    }

    @Test
    void registerWhenTwoEndpointsShareOneCounterThenTheirRegistrationsCountAgainstOneLimit() {
        FixedWindows shared = new FixedWindows();
        try (TestServer a = TestServer.start(ctx -> ctx.addServlet("r", endpoint().windowCounter(shared)
                .maxRegistrationsPerAddress(3, Duration.ofMinutes(10)).build()).addMapping("/r"));
             TestServer b = TestServer.start(ctx -> ctx.addServlet("r", endpoint().windowCounter(shared)
                     .maxRegistrationsPerAddress(3, Duration.ofMinutes(10)).build()).addMapping("/r"))) {
            assertThat(a.postForm("/r", "client_user=a1&client_password=" + SECRET).statusCode()).isEqualTo(201);
            assertThat(b.postForm("/r", "client_user=a2&client_password=" + SECRET).statusCode()).isEqualTo(201);
            assertThat(a.postForm("/r", "client_user=a3&client_password=" + SECRET).statusCode()).isEqualTo(201);

            HttpResponse<String> over = b.postForm("/r", "client_user=a4&client_password=" + SECRET);

            assertError(over, 429, "temporarily_unavailable");
            assertThat(over.headers().firstValue("Retry-After")).contains("600");
            assertThat(fixture.clients.findById("a4")).isEmpty();
            assertThat(shared.counts).containsKeys("registration:all").hasSize(2);
        }
    }

    @Test
    void registerWhenTheCounterCannotBeReachedThen503AndNothingIsCreated() {
        WindowCounter down = (key, max, window, now) -> {
            throw new StoreException("could not count an event in a rate window: the database is unreachable", null, true);
        };
        try (TestServer server = TestServer.start(ctx -> ctx.addServlet("r", endpoint().windowCounter(down).build())
                .addMapping("/r"))) {
            HttpResponse<String> r = server.postForm("/r", "client_user=app&client_password=" + SECRET);

            assertError(r, 503, "temporarily_unavailable");
            assertThat(r.body()).doesNotContain("database");
            assertThat(fixture.clients.findById("app")).isEmpty();
        }
    }

    @Test
    void buildWhenTheCounterIsSetTwiceThenRefused() {
        assertThatThrownBy(() -> endpoint().windowCounter(new FixedWindows()).windowCounter(new FixedWindows()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("windowCounter");
        assertThatThrownBy(() -> endpoint().windowCounter(null)).isInstanceOf(NullPointerException.class);
    }

    /** Fixed windows in a map: the smallest counter that two endpoints can share. */
    static final class FixedWindows implements WindowCounter {
        final Map<String, long[]> counts = new HashMap<>();

        @Override
        public synchronized Optional<Duration> tryAcquire(String key, int max, Duration window, Instant now) {
            long[] w = counts.get(key); // {end, count}
            if (w == null || now.toEpochMilli() >= w[0]) {
                counts.put(key, new long[] {now.plus(window).toEpochMilli(), 1});
                return Optional.empty();
            }
            if (w[1] >= max) {
                return Optional.of(Duration.ofMillis(w[0] - now.toEpochMilli()));
            }
            w[1]++;
            return Optional.empty();
        }
    }
}
