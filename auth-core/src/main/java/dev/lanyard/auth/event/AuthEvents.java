package dev.lanyard.auth.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;

/**
 * Delivers events to listeners, each call guarded: a listener that throws is logged (with the event
 * type, never its content beyond ids) and the next listener still runs.
 *
 * <pre>{@code
 * AuthEvents events = AuthEvents.of(auditListener, metricsListener);
 * events.publish(new AuthEvent.ClientCreated(clock.instant(), "my-app"));
 * }</pre>
 */
public final class AuthEvents {

    private static final Logger LOG = LoggerFactory.getLogger(AuthEvents.class);
    private static final AuthEvents NONE = new AuthEvents(List.of());

    private final List<AuthEventListener> listeners;

    private AuthEvents(List<AuthEventListener> listeners) {
        this.listeners = listeners;
    }

    /**
     * Delivers to these listeners, in this order.
     *
     * @param listeners the listeners; none gives {@link #none()}
     * @return the dispatcher
     * @throws NullPointerException when a listener is null
     */
    public static AuthEvents of(AuthEventListener... listeners) {
        return of(List.of(listeners));
    }

    /**
     * Delivers to these listeners, in the list's order; later changes to the list are not seen.
     *
     * @param listeners the listeners; an empty list gives {@link #none()}
     * @return the dispatcher
     * @throws NullPointerException when the list or a listener is null
     */
    public static AuthEvents of(List<AuthEventListener> listeners) {
        listeners.forEach(l -> Objects.requireNonNull(l, "listener"));
        return listeners.isEmpty() ? NONE : new AuthEvents(List.copyOf(listeners));
    }

    /**
     * A dispatcher without listeners, for components that need not report anything.
     *
     * @return the shared dispatcher that drops every event
     */
    public static AuthEvents none() {
        return NONE;
    }

    /**
     * Hands the event to every listener; never throws because of a listener.
     *
     * @param event the event to deliver
     * @throws NullPointerException when {@code event} is null
     */
    public void publish(AuthEvent event) {
        Objects.requireNonNull(event, "event");
        for (AuthEventListener listener : listeners) {
            try {
                listener.onEvent(event);
                dispatch(listener, event);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("event listener {} failed on {}; ignored", listener.getClass().getName(),
                        event.getClass().getSimpleName(), e);
            }
        }
    }

    private static void dispatch(AuthEventListener l, AuthEvent event) {
        if (event instanceof AuthEvent.LoginSucceeded e) {
            l.loginSucceeded(e);
        } else if (event instanceof AuthEvent.LoginFailed e) {
            l.loginFailed(e);
        } else if (event instanceof AuthEvent.LockedOut e) {
            l.lockedOut(e);
        } else if (event instanceof AuthEvent.PasswordRehashed e) {
            l.passwordRehashed(e);
        } else if (event instanceof AuthEvent.UserCreated e) {
            l.userCreated(e);
        } else if (event instanceof AuthEvent.UserUpdated e) {
            l.userUpdated(e);
        } else if (event instanceof AuthEvent.UserDeleted e) {
            l.userDeleted(e);
        } else if (event instanceof AuthEvent.Imported e) {
            l.imported(e);
        } else if (event instanceof AuthEvent.ClientCreated e) {
            l.clientCreated(e);
        } else if (event instanceof AuthEvent.ClientDeleted e) {
            l.clientDeleted(e);
        } else if (event instanceof AuthEvent.ClientSecretRotated e) {
            l.clientSecretRotated(e);
        } else if (event instanceof AuthEvent.ClientSecretRevoked e) {
            l.clientSecretRevoked(e);
        } else if (event instanceof AuthEvent.TokenIssued e) {
            l.tokenIssued(e);
        } else if (event instanceof AuthEvent.TokenRefreshed e) {
            l.tokenRefreshed(e);
        } else if (event instanceof AuthEvent.RefreshTokenReused e) {
            l.refreshTokenReused(e);
        } else if (event instanceof AuthEvent.TokensRevoked e) {
            l.tokensRevoked(e);
        }
    }
}
