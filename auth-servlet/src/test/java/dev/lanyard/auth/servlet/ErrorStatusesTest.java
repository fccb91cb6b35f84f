package dev.lanyard.auth.servlet;

import dev.lanyard.auth.CodeReplayedException;
import dev.lanyard.auth.DuplicateException;
import dev.lanyard.auth.InvalidClientException;
import dev.lanyard.auth.InvalidCredentialsException;
import dev.lanyard.auth.InvalidGrantException;
import dev.lanyard.auth.InvalidRequestException;
import dev.lanyard.auth.InvalidScopeException;
import dev.lanyard.auth.NotFoundException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.ServerErrorException;
import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.TemporarilyUnavailableException;
import dev.lanyard.auth.UnauthorizedClientException;
import dev.lanyard.auth.UnsupportedGrantTypeException;
import dev.lanyard.auth.guard.LockedOutException;
import dev.lanyard.auth.guard.RateLimitedException;
import dev.lanyard.auth.servlet.internal.HttpException;
import dev.lanyard.auth.token.ExpiredTokenException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one error table: RFC 6749 / 6750 defaults, the named failures, and per-endpoint replacements. */
class ErrorStatusesTest {

    final ErrorStatuses rfc = ErrorStatuses.rfc6749();

    @Test
    void rfc6749DefaultsByOAuthError() {
        assertThat(rfc.status(new InvalidRequestException("x"))).isEqualTo(400);
        assertThat(rfc.status(new InvalidGrantException("x"))).isEqualTo(400);
        assertThat(rfc.status(new CodeReplayedException("x"))).isEqualTo(400);
        assertThat(rfc.status(new InvalidScopeException("x"))).isEqualTo(400);
        assertThat(rfc.status(new UnauthorizedClientException("x"))).isEqualTo(400);
        assertThat(rfc.status(new UnsupportedGrantTypeException("x"))).isEqualTo(400);
        assertThat(rfc.status(new InvalidClientException("x"))).isEqualTo(401);
        assertThat(rfc.status(InvalidCredentialsException.forClient())).isEqualTo(401);
        assertThat(rfc.status(new ExpiredTokenException("x"))).isEqualTo(401);
        assertThat(rfc.status(new ServerErrorException("x"))).isEqualTo(500);
        assertThat(rfc.status(new TemporarilyUnavailableException("x"))).isEqualTo(503);
    }

    @Test
    void namedFailuresDuplicate409NotFound404Lockout429() {
        assertThat(rfc.status(new DuplicateException("taken"))).isEqualTo(409);
        assertThat(rfc.status(new NotFoundException("gone"))).isEqualTo(404);
        assertThat(rfc.status(new LockedOutException(OAuthError.INVALID_GRANT, Duration.ofSeconds(30)))).isEqualTo(429);
        assertThat(rfc.status(new RateLimitedException(OAuthError.INVALID_CLIENT, Duration.ofSeconds(1)))).isEqualTo(429);
    }

    @Test
    void storeFailureThen500Or503AndAlwaysConcealed() {
        StoreException broken = new StoreException("disk full", null, false);
        StoreException busy = new StoreException("pool exhausted", null, true);

        assertThat(rfc.status(broken)).isEqualTo(500);
        assertThat(rfc.status(busy)).isEqualTo(503);
        assertThat(rfc.conceals(broken)).isTrue();
        assertThat(rfc.conceals(busy)).isTrue();
        assertThat(rfc.conceals(new ServerErrorException("x"))).isFalse();
        assertThatThrownBy(() -> rfc.with(StoreException.class, 400)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryAfterForALockoutAndATransientFailureOnlyRoundedUp() {
        // 1.5 s of lockout left: "1" would send the client back while it is still locked out
        assertThat(ErrorStatuses.retryAfterSeconds(new LockedOutException(OAuthError.INVALID_GRANT, Duration.ofMillis(1500))))
                .hasValue(2);
        assertThat(ErrorStatuses.retryAfterSeconds(new LockedOutException(OAuthError.INVALID_GRANT, Duration.ofSeconds(60))))
                .hasValue(60);
        assertThat(ErrorStatuses.retryAfterSeconds(new TemporarilyUnavailableException("every hash slot is busy")))
                .hasValue(5);
        assertThat(ErrorStatuses.retryAfterSeconds(new LockedOutException(OAuthError.INVALID_GRANT, Duration.ZERO)))
                .hasValue(1);
        assertThat(ErrorStatuses.retryAfterSeconds(StoreException.outage("down", null, Duration.ofMillis(2100))))
                .hasValue(3);
        assertThat(ErrorStatuses.retryAfterSeconds(new StoreException("busy", null, true))).hasValue(5);
        assertThat(ErrorStatuses.retryAfterSeconds(new StoreException("broken", null, false))).isEmpty();
        assertThat(ErrorStatuses.retryAfterSeconds(new InvalidGrantException("x"))).isEmpty();
    }

    @Test
    void withReplacesOneEntryAndLeavesTheTableItCameFromAlone() {
        ErrorStatuses api = rfc.with(OAuthError.INVALID_GRANT, 401);

        assertThat(api.status(new InvalidGrantException("x"))).isEqualTo(401);
        assertThat(api.status(new CodeReplayedException("x"))).isEqualTo(401);
        assertThat(api.status(new InvalidRequestException("x"))).isEqualTo(400);
        assertThat(rfc.status(new InvalidGrantException("x"))).isEqualTo(400);
    }

    @Test
    void anEntrySetWinsOverTheDefaultsByTypeAndTheNearestTypeWins() {
        ErrorStatuses api = rfc.with(OAuthError.INVALID_GRANT, 401);
        assertThat(api.status(new LockedOutException(OAuthError.INVALID_GRANT, Duration.ofSeconds(5)))).isEqualTo(401);

        ErrorStatuses typed = rfc.with(InvalidGrantException.class, 422).with(CodeReplayedException.class, 410);
        assertThat(typed.status(new InvalidGrantException("x"))).isEqualTo(422);
        assertThat(typed.status(new CodeReplayedException("x"))).isEqualTo(410);
    }

    @Test
    void aRequestRefusedWhileReadingKeepsItsStatus() {
        HttpException tooLarge = new HttpException(413, OAuthError.INVALID_REQUEST, "too large");

        assertThat(rfc.status(tooLarge)).isEqualTo(413);
        assertThat(rfc.with(OAuthError.INVALID_REQUEST, 422).status(tooLarge)).isEqualTo(413);
    }

    @Test
    void concealedCodesAre500AndHidden() {
        ErrorStatuses login = rfc.concealed(OAuthError.INVALID_CLIENT);

        assertThat(login.status(new InvalidClientException("the first-party client is disabled"))).isEqualTo(500);
        assertThat(login.conceals(new InvalidClientException("x"))).isTrue();
        assertThat(login.conceals(new InvalidGrantException("x"))).isFalse();
    }

    @Test
    void withTheSameKeyAgainThenTheLaterWins() {
        ErrorStatuses login = ErrorStatuses.firstPartyLogin().with(OAuthError.INVALID_SCOPE, 400);

        assertThat(ErrorStatuses.firstPartyLogin().status(new InvalidScopeException("x"))).isEqualTo(403);
        assertThat(login.status(new InvalidScopeException("x"))).isEqualTo(400);
        assertThat(rfc.with(DuplicateException.class, 400).with(DuplicateException.class, 422)
                .status(new DuplicateException("taken"))).isEqualTo(422);
    }

    @Test
    void firstPartyLoginAnswersForTheUserAndConcealsTheClientsFaults() {
        ErrorStatuses login = ErrorStatuses.firstPartyLogin();

        assertThat(login.status(InvalidCredentialsException.forUser())).isEqualTo(401);
        assertThat(login.status(new InvalidGrantException("x"))).isEqualTo(401);
        assertThat(login.status(new InvalidScopeException("x"))).isEqualTo(403);
        assertThat(login.status(new LockedOutException(OAuthError.INVALID_GRANT, Duration.ofSeconds(9)))).isEqualTo(429);
        assertThat(login.status(new InvalidRequestException("x"))).isEqualTo(400);
        assertThat(login.status(new TemporarilyUnavailableException("busy"))).isEqualTo(503);
        assertThat(login.conceals(new UnauthorizedClientException("no password grant"))).isTrue();
        assertThat(login.conceals(new ServerErrorException("the first-party client 'web' is not configured"))).isTrue();
        assertThat(login.conceals(new InvalidGrantException("x"))).isFalse();
    }

    @Test
    void statusesChecked() {
        assertThatThrownBy(() -> rfc.with(OAuthError.INVALID_GRANT, 200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rfc.with(OAuthError.INVALID_GRANT, 600)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rfc.with(DuplicateException.class, 399)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rfc.with((OAuthError) null, 400)).isInstanceOf(NullPointerException.class);
    }
}
