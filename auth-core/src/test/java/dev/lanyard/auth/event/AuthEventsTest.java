package dev.lanyard.auth.event;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuthEventsTest {

    @Test
    void aListenerThatThrowsDoesNotStopTheOthersOrTheCaller() {
        List<String> seen = new ArrayList<>();
        AuthEventListener broken = new AuthEventListener() {
            @Override
            public void clientCreated(AuthEvent.ClientCreated event) {
                throw new IllegalStateException("listener bug");
            }
        };
        AuthEventListener recording = new AuthEventListener() {
            @Override
            public void onEvent(AuthEvent event) {
                seen.add("any:" + event.getClass().getSimpleName());
            }

            @Override
            public void clientCreated(AuthEvent.ClientCreated event) {
                seen.add("created:" + event.clientId());
            }
        };

        AuthEvents.of(broken, recording).publish(new AuthEvent.ClientCreated(Instant.EPOCH, "app"));

        assertThat(seen).containsExactly("any:ClientCreated", "created:app");
    }

    @Test
    void eachEventReachesItsOwnMethod() {
        List<String> seen = new ArrayList<>();
        AuthEventListener l = new AuthEventListener() {
            @Override
            public void loginFailed(AuthEvent.LoginFailed e) {
                seen.add("failed:" + e.reason());
            }

            @Override
            public void userDeleted(AuthEvent.UserDeleted e) {
                seen.add("deleted:" + e.username());
            }

            @Override
            public void clientSecretRevoked(AuthEvent.ClientSecretRevoked e) {
                seen.add("revoked:" + e.secretId());
            }
        };
        AuthEvents events = AuthEvents.of(l);

        events.publish(new AuthEvent.LoginFailed(Instant.EPOCH, AuthEvent.PrincipalKind.USER, "bob", null,
                AuthEvent.FailureReason.DISABLED));
        events.publish(new AuthEvent.UserDeleted(Instant.EPOCH, "u1", "bob"));
        events.publish(new AuthEvent.ClientSecretRevoked(Instant.EPOCH, "app", "s-1"));
        events.publish(new AuthEvent.ClientCreated(Instant.EPOCH, "ignored"));

        assertThat(seen).containsExactly("failed:DISABLED", "deleted:bob", "revoked:s-1");
    }
}
