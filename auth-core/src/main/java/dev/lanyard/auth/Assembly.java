package dev.lanyard.auth;

import dev.lanyard.auth.client.ClientAuthenticator;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.grant.GrantHandler;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.internal.Introspector;
import dev.lanyard.auth.internal.Revocations;
import dev.lanyard.auth.internal.Verification;
import dev.lanyard.auth.internal.grant.AuthorizationCodeGrant;
import dev.lanyard.auth.internal.grant.AuthorizationCodes;
import dev.lanyard.auth.internal.grant.Grants;
import dev.lanyard.auth.internal.grant.Minter;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.reference.ReferenceTokenVerifier;
import dev.lanyard.auth.refresh.RefreshTokens;
import dev.lanyard.auth.token.AccessTokenIssuer;
import dev.lanyard.auth.token.AccessTokenVerifier;
import dev.lanyard.auth.token.IdTokenIssuer;
import dev.lanyard.auth.token.InMemoryRevocationList;
import dev.lanyard.auth.token.RevocationList;
import dev.lanyard.auth.user.UserAuthenticator;

import dev.lanyard.auth.grant.AuthorizationCodeStore;
import dev.lanyard.auth.reference.ReferenceTokenStore;
import dev.lanyard.auth.refresh.RefreshTokenStore;
import dev.lanyard.auth.user.UserStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The composition root of a {@link TokenService}: builds the named services from the builder's checked
 * settings, once. Nothing here is reachable from outside the service.
 */
final class Assembly {

    /** The parts a built-in grant handler is made from; see {@link TokenService.Builder#grant}. */
    record Parts(Minter minter, RefreshTokens refreshTokens, boolean refreshForClients, UserStore users,
                 AuthorizationCodeGrant codeGrant) {
    }

    /**
     * The stores the service uses, resolved at build(): from the separate setters, or from a bundle
     * (then also kept whole, so that purge reaches every store of it).
     */
    record Stores(RefreshTokenStore refresh, AuthorizationCodeStore codes, ReferenceTokenStore reference,
                  RevocationList revocations, TokenStores bundle) {
    }

    final ClientAuthenticator clientAuthenticator;
    final UserAuthenticator userAuthenticator;
    final Grants grants;
    final AuthorizationCodes authorizationCodes;
    final Verification verification;
    final Revocations revocations;
    final Introspector introspector;
    private final RefreshTokens refreshTokens;
    private final RevocationList revocationList;
    private final AuthorizationCodeStore codes;
    private final ReferenceTokenStore referenceTokens;
    private final TokenStores bundle;
    private final LoginThrottle throttle;
    private final Clock clock;

    Assembly(TokenService.Builder b, Stores stores) {
        this.codes = stores.codes();
        this.referenceTokens = stores.reference();
        this.bundle = stores.bundle();
        this.clock = b.clock;
        this.revocationList = stores.revocations() != null ? stores.revocations() : new InMemoryRevocationList(b.clock);
        String audience = b.audience != null ? b.audience : b.issuer;
        AuthEvents events = AuthEvents.of(b.listeners);
        this.throttle = b.throttle != null ? b.throttle
                : LoginThrottle.builder().clock(b.clock).events(events).build();
        PasswordHasher hasher = b.hasher != null ? b.hasher : PasswordHasher.defaults();
        this.clientAuthenticator = ClientAuthenticator.builder().clients(b.clients).hasher(hasher).throttle(throttle)
                .events(events).clock(b.clock).issuer(b.issuer).methods(List.copyOf(b.clientMethods.values())).build();
        this.userAuthenticator = b.users == null ? null : UserAuthenticator.builder().users(b.users)
                .hasher(hasher).throttle(throttle).events(events).clock(b.clock).build();
        this.refreshTokens = stores.refresh() == null ? null : RefreshTokens.builder().store(stores.refresh())
                .revocations(revocationList).events(events).clock(b.clock)
                .absoluteLifetime(b.refreshLifetime).idleLifetime(b.refreshIdleLifetime)
                .graceWindow(b.graceWindow == null ? RefreshTokens.DEFAULT_GRACE_WINDOW : b.graceWindow)
                .build();
        Minter minter = new Minter(accessTokenIssuer(b, audience),
                referenceTokens == null ? null : new Minter.ReferenceTokens(referenceTokens, b.referenceIdleTimeout),
                b.idTokens ? new IdTokenIssuer(b.issuer, b.keys::current, b.clock) : null, refreshTokens, b.users, events,
                b.accessTokenLifetime, b.clock);
        AuthorizationCodeGrant codeGrant = new AuthorizationCodeGrant(codes, b.clients, b.users, refreshTokens,
                revocationList, b.accessTokenLifetime);
        Parts parts = new Parts(minter, refreshTokens, b.refreshForClientCredentials, b.users, codeGrant);
        List<GrantHandler> handlers = new ArrayList<>();
        for (Function<Parts, GrantHandler> factory : b.grants.values()) {
            handlers.add(factory.apply(parts));
        }
        this.grants = new Grants(handlers, minter, b.users, userAuthenticator);
        // Without the authorization_code grant registered, the code flow's front channel is off too.
        this.authorizationCodes = new AuthorizationCodes(grants.supports(TokenRequest.AUTHORIZATION_CODE) ? codes : null,
                b.clients, grants, codeGrant, b.codeLifetime, b.pkcePlainAllowed, b.clock);
        ReferenceTokenVerifier reference = referenceTokens == null ? null : referenceVerifier(b);
        this.verification = new Verification(AccessTokenVerifier.builder().issuer(b.issuer).audience(audience)
                .keys(b.keys).clock(b.clock).clockSkew(b.clockSkew).revocations(revocationList).build(), reference);
        this.revocations = new Revocations(verification, refreshTokens, referenceTokens, revocationList);
        this.introspector = new Introspector(b.issuer, verification, refreshTokens, b.introspectionPolicy);
    }

    private static AccessTokenIssuer accessTokenIssuer(TokenService.Builder b, String audience) {
        AccessTokenIssuer.Builder issuer = AccessTokenIssuer.builder().issuer(b.issuer).audience(audience)
                .keys(b.keys).lifetime(b.accessTokenLifetime).clock(b.clock).customizer(b.customizer);
        if (b.longAccessTokens) {
            issuer.allowLongLifetime();
        }
        if (b.insecureIssuer) {
            issuer.allowInsecureIssuer();
        }
        return issuer.build();
    }

    private ReferenceTokenVerifier referenceVerifier(TokenService.Builder b) {
        ReferenceTokenVerifier.Builder reference = ReferenceTokenVerifier.builder().store(referenceTokens)
                .issuer(b.issuer).idleTimeout(b.referenceIdleTimeout).revocations(revocationList).clock(b.clock);
        if (b.users != null) {
            reference.users(b.users);
        }
        return reference.build();
    }

    /** Deletes what has expired from every store the service writes, and from every store of its bundle. */
    void purge() {
        Instant now = clock.instant();
        if (bundle != null) {
            bundle.refreshTokens().purge(now);
            bundle.authorizationCodes().purge(now);
            bundle.referenceTokens().purge(now);
            bundle.revocations().purge(now);
            bundle.replays().purge(now);
        } else {
            if (refreshTokens != null) {
                refreshTokens.purge();
            }
            if (codes != null) {
                codes.purge(now);
            }
            if (referenceTokens != null) {
                referenceTokens.purge(now);
            }
            revocationList.purge(now);
        }
        throttle.purge();
    }
}
