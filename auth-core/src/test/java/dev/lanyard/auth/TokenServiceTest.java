package dev.lanyard.auth;

import dev.lanyard.auth.client.ClientCredential;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientSecret;
import dev.lanyard.auth.client.InMemoryClientStore;
import dev.lanyard.auth.grant.InMemoryAuthorizationCodeStore;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.internal.grant.Pkce;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.key.SigningKey;
import dev.lanyard.auth.password.ClientSecrets;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.reference.InMemoryReferenceTokenStore;
import dev.lanyard.auth.refresh.InMemoryRefreshTokenStore;
import dev.lanyard.auth.refresh.RefreshFamily;
import dev.lanyard.auth.refresh.RefreshTokenEntry;
import dev.lanyard.auth.refresh.RefreshTokenStore;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.token.ExpiredTokenException;
import dev.lanyard.auth.token.InvalidTokenException;
import dev.lanyard.auth.token.RevokedTokenException;
import dev.lanyard.auth.token.VerifiedToken;
import dev.lanyard.auth.user.InMemoryUserStore;
import dev.lanyard.auth.user.User;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenServiceTest {

    static final String ISS = "https://auth.example";
    static final KeyManager KEYS = KeyManager.builder().build();
    static final PasswordHasher HASHER = PasswordHasher.builder().argon2id(8192, 1, 1).build();

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final InMemoryClientStore clients = new InMemoryClientStore();
    final InMemoryUserStore users = new InMemoryUserStore();
    final InMemoryRefreshTokenStore refreshStore = new InMemoryRefreshTokenStore();
    final String secret = ClientSecrets.generate();
    final String verifier = "a-long-enough-pkce-verifier-0123456789-abcdefghijklm";
    User alice;
    User bob;

    TokenServiceTest() {
        clients.create(confidential("machine", Set.of("client_credentials"), Set.of("orders:read", "orders:write")));
        clients.create(confidential("resource-server", Set.of("client_credentials"), Set.of(IntrospectionPolicy.PERMISSION)));
        clients.create(confidential("web", Set.of("password", "refresh_token", "authorization_code"),
                Set.of("profile", "orders:read", "orders:write")));
        clients.create(confidential("other", Set.of("password", "refresh_token", "client_credentials"), Set.of("profile")));
        clients.create(Client.builder("spa").publicClient().grants(Set.of("authorization_code", "refresh_token"))
                .scopes(Set.of("profile")).redirectUris(List.of("https://spa.example/cb")).build());
        alice = User.builder("alice").passwordHash(HASHER.hash("wonderland".toCharArray())).roles(Set.of("admin")).build();
        bob = User.builder("bob").passwordHash(HASHER.hash("builder".toCharArray())).scopes(Set.of("profile")).build();
        users.create(alice);
        users.create(bob);
    }

    Client confidential(String id, Set<String> grants, Set<String> scopes) {
        return Client.builder(id).grants(grants).scopes(scopes)
                .redirectUris(List.of("https://" + id + ".example/cb"))
                .secrets(List.of(new ClientSecret("s1", ClientSecrets.digest(secret), clock.instant()))).build();
    }

    TokenService.Builder builder() {
        return TokenService.builder().issuer(ISS).keys(KEYS).clients(clients).users(users).clock(clock)
                .hasher(HASHER).throttle(LoginThrottle.disabled())
                .refreshTokens(refreshStore).authorizationCodes(new InMemoryAuthorizationCodeStore());
    }

    final TokenService service = builder().idTokens().build();

    TokenResponse passwordLogin() {
        return service.grant(TokenRequest.password("web", secret, "alice", "wonderland".toCharArray()).build());
    }

    static void assertError(Runnable call, OAuthError expected) {
        assertThatThrownBy(call::run).isInstanceOf(AuthException.class)
                .satisfies(e -> assertThat(((AuthException) e).error()).isEqualTo(expected));
    }

    @Nested
    class ClientCredentials {

        @Test
        void expiresInIsTheWholeLifetimeWhenIssuedBetweenTwoSeconds() {
            clock.advance(java.time.Duration.ofMillis(400));

            TokenResponse r = service.grant(TokenRequest.clientCredentials("machine", secret).build());

            assertThat(r.expiresIn()).as("exp is cut to whole seconds; expires_in must not say 899").isEqualTo(900);
        }

        @Test
        void issuesATokenAboutTheClientWithAllItsScopesAndNoRefreshToken() {
            TokenResponse r = service.grant(TokenRequest.clientCredentials("machine", secret).build());

            VerifiedToken t = service.verify(r.accessToken());
            assertThat(t.subject()).isEqualTo("machine");
            assertThat(t.scopes()).containsExactlyInAnyOrder("orders:read", "orders:write");
            assertThat(r.refreshTokenValue()).isEmpty();
            assertThat(r.idTokenValue()).isEmpty();
            assertThat(r.expiresIn()).isEqualTo(900);
            assertThat(r.toJson()).containsEntry("token_type", "Bearer").containsKey("scope");
        }

        @Test
        void requestedScopesNarrowAndUnknownOnesAreInvalidScope() {
            TokenResponse r = service.grant(TokenRequest.clientCredentials("machine", secret).scope("orders:read").build());
            assertThat(service.verify(r.accessToken()).scopes()).containsExactly("orders:read");

            assertError(() -> service.grant(TokenRequest.clientCredentials("machine", secret).scope("admin").build()),
                    OAuthError.INVALID_SCOPE);
        }

        @Test
        void aClientWhoseIdIsAlsoAUserIdGetsNoTokenOfItsOwnSinceItsSubWouldNameTheUser() {
            users.create(User.Builder.withId("machine", "mallory").build());

            assertError(() -> service.grant(TokenRequest.clientCredentials("machine", secret).build()),
                    OAuthError.UNAUTHORIZED_CLIENT);
        }

        @Test
        void scopeStringsAreSortedInTheResponseTheTokenAndIntrospectionWhateverTheSetsOrder() throws Exception {
            clients.create(Client.builder("ordered").grants(Set.of("client_credentials", "refresh_token"))
                    .scopes(List.of("orders:write", "orders:read", "a:z"))
                    .secrets(List.of(new ClientSecret("s1", ClientSecrets.digest(secret), clock.instant()))).build());
            TokenService refreshing = builder().refreshTokensForClientCredentials().build();

            TokenResponse r = refreshing.grant(TokenRequest.clientCredentials("ordered", secret).build());

            String sorted = "a:z orders:read orders:write";
            assertThat(r.toJson()).containsEntry("scope", sorted);
            assertThat(SignedJWT.parse(r.accessToken()).getJWTClaimsSet().getStringClaim("scope")).isEqualTo(sorted);
            assertThat(refreshing.introspect(r.accessToken(), ClientCredential.of("resource-server", secret), null).toJson())
                    .containsEntry("scope", sorted);
            assertThat(refreshing.introspect(r.refreshToken(), ClientCredential.of("ordered", secret), null).toJson())
                    .containsEntry("scope", sorted);
        }

        @Test
        void badClientCredentialsAreInvalidClient() {
            assertError(() -> service.grant(TokenRequest.clientCredentials("machine", "wrong").build()), OAuthError.INVALID_CLIENT);
            assertError(() -> service.grant(TokenRequest.clientCredentials("nobody", secret).build()), OAuthError.INVALID_CLIENT);
            assertError(() -> service.grant(TokenRequest.clientCredentials(null, null).build()), OAuthError.INVALID_CLIENT);
            assertError(() -> service.grant(TokenRequest.clientCredentials("machine", null).build()), OAuthError.INVALID_CLIENT);
        }

        @Test
        void aClientNotAllowedTheGrantIsUnauthorizedClient() {
            assertError(() -> service.grant(TokenRequest.clientCredentials("web", secret).build()),
                    OAuthError.UNAUTHORIZED_CLIENT);
        }

        @Test
        void aFirstPartyEndpointAcceptsOnlyGrantsThatCarryTheirOwnCredentials() {
            assertError(() -> service.grantForFirstParty(TokenRequest.clientCredentials(null, null).build(), "web"),
                    OAuthError.UNSUPPORTED_GRANT_TYPE);
            assertError(() -> service.grantForFirstParty(TokenRequest.authorizationCode(null, null, "c",
                    "https://web.example/cb", null).build(), "web"), OAuthError.UNSUPPORTED_GRANT_TYPE);
            assertThat(service.grantForFirstParty(TokenRequest.password(null, null, "alice", "wonderland".toCharArray())
                    .build(), "web").subject()).isEqualTo(alice.id());
        }

        @Test
        void unknownGrantTypesAreUnsupported() {
            assertError(() -> service.grant(TokenRequest.builder("implicit").client("machine", secret).build()),
                    OAuthError.UNSUPPORTED_GRANT_TYPE);
            assertError(() -> service.grant(TokenRequest.builder(null).client("machine", secret).build()),
                    OAuthError.UNSUPPORTED_GRANT_TYPE);
        }

        @Test
        void refreshTokenOnlyWhenTheServiceIsToldSo() {
            clients.update(clients.findById("other").orElseThrow());
            TokenService sermasLike = builder().refreshTokensForClientCredentials().build();

            TokenResponse r = sermasLike.grant(TokenRequest.clientCredentials("other", secret).build());

            assertThat(r.refreshTokenValue()).isPresent();
            TokenResponse next = sermasLike.grant(TokenRequest.refreshToken("other", secret, r.refreshToken()).build());
            assertThat(sermasLike.verify(next.accessToken()).subject()).isEqualTo("other");
        }
    }

    @Nested
    class Password {

        @Test
        void issuesAccessRefreshAndIdTokensAboutTheUser() throws Exception {
            TokenResponse r = passwordLogin();

            VerifiedToken t = service.verify(r.accessToken());
            assertThat(t.subject()).isEqualTo(alice.id());
            assertThat(t.claim("username")).contains("alice");
            assertThat(t.claim("roles")).contains(List.of("admin"));
            assertThat(r.refreshTokenValue()).isPresent();
            assertThat(r.refreshExpiresIn()).isEqualTo(Duration.ofDays(30).toSeconds());

            SignedJWT id = SignedJWT.parse(r.idToken());
            assertThat(id.getHeader().getType().getType()).isEqualTo("JWT");
            assertThat(id.getJWTClaimsSet().getAudience()).containsExactly("web");
            assertThat(id.getJWTClaimsSet().getSubject()).isEqualTo(alice.id());
            assertThat(id.getJWTClaimsSet().getLongClaim("auth_time")).isEqualTo(clock.instant().getEpochSecond());
            var key = JWKSet.parse(service.jwks()).getKeyByKeyId(id.getHeader().getKeyID());
            assertThat(id.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key.toRSAKey()))).isTrue();
            // An id_token is never an access token.
            assertThatThrownBy(() -> service.verify(r.idToken())).isInstanceOf(InvalidTokenException.class);
        }

        @Test
        void wrongPasswordUnknownUserAndDisabledUserAreInvalidGrant() {
            assertError(() -> service.grant(TokenRequest.password("web", secret, "alice", "nope".toCharArray()).build()),
                    OAuthError.INVALID_GRANT);
            assertError(() -> service.grant(TokenRequest.password("web", secret, "mallory", "x".toCharArray()).build()),
                    OAuthError.INVALID_GRANT);
            users.update(bob.toBuilder().enabled(false).build());
            assertError(() -> service.grant(TokenRequest.password("web", secret, "bob", "builder".toCharArray()).build()),
                    OAuthError.INVALID_GRANT);
        }

        @Test
        void missingParametersAreInvalidRequest() {
            assertError(() -> service.grant(TokenRequest.password("web", secret, null, "x".toCharArray()).build()),
                    OAuthError.INVALID_REQUEST);
            assertError(() -> service.grant(TokenRequest.password("web", secret, "alice", null).build()),
                    OAuthError.INVALID_REQUEST);
        }

        @Test
        void onlyClientsThatListItMayUseIt() {
            assertError(() -> service.grant(TokenRequest.password("machine", secret, "alice", "wonderland".toCharArray())
                    .build()), OAuthError.UNAUTHORIZED_CLIENT);
        }

        @Test
        void aUsersOwnScopesLimitWhatTheClientMayGrant() {
            TokenResponse r = service.grant(TokenRequest.password("web", secret, "bob", "builder".toCharArray()).build());
            assertThat(r.scopes()).containsExactly("profile");

            assertError(() -> service.grant(TokenRequest.password("web", secret, "bob", "builder".toCharArray())
                    .scope("orders:read").build()), OAuthError.INVALID_SCOPE);
        }
    }

    @Nested
    class Refresh {

        @Test
        void rotatesAndTheOldTokenIsDeadAfterwards() {
            TokenResponse first = passwordLogin();

            TokenResponse second = service.grant(TokenRequest.refreshToken("web", secret, first.refreshToken()).build());

            assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
            assertThat(service.verify(second.accessToken()).subject()).isEqualTo(alice.id());
            assertThat(second.idTokenValue()).isPresent();
            assertError(() -> service.grant(TokenRequest.refreshToken("web", secret, first.refreshToken()).build()),
                    OAuthError.INVALID_GRANT);
        }

        @Test
        void reuseRevokesTheAccessTokensOfTheFamily() {
            TokenResponse first = passwordLogin();
            TokenResponse second = service.grant(TokenRequest.refreshToken("web", secret, first.refreshToken()).build());

            assertError(() -> service.grant(TokenRequest.refreshToken("web", secret, first.refreshToken()).build()),
                    OAuthError.INVALID_GRANT);

            assertThatThrownBy(() -> service.verify(first.accessToken())).isInstanceOf(RevokedTokenException.class);
            assertThatThrownBy(() -> service.verify(second.accessToken())).isInstanceOf(RevokedTokenException.class);
        }

        @Test
        void scopeMayNarrowButNeverWiden() {
            TokenResponse first = service.grant(TokenRequest.password("web", secret, "alice", "wonderland".toCharArray())
                    .scope("profile orders:read").build());

            TokenResponse narrowed = service.grant(TokenRequest.refreshToken("web", secret, first.refreshToken())
                    .scope("profile").build());
            assertThat(service.verify(narrowed.accessToken()).scopes()).containsExactly("profile");

            assertError(() -> service.grant(TokenRequest.refreshToken("web", secret, narrowed.refreshToken())
                    .scope("orders:write").build()), OAuthError.INVALID_SCOPE);
            // The family keeps its original scopes.
            TokenResponse again = service.grant(TokenRequest.refreshToken("web", secret, narrowed.refreshToken()).build());
            assertThat(again.scopes()).containsExactly("profile", "orders:read");
        }

        @Test
        void anotherClientsRefreshTokenIsInvalidGrant() {
            TokenResponse first = passwordLogin();

            assertError(() -> service.grant(TokenRequest.refreshToken("other", secret, first.refreshToken()).build()),
                    OAuthError.INVALID_GRANT);
        }

        @Test
        void missingOrUnknownTokenIsAnError() {
            assertError(() -> service.grant(TokenRequest.refreshToken("web", secret, null).build()), OAuthError.INVALID_REQUEST);
            assertError(() -> service.grant(TokenRequest.refreshToken("web", secret, "nonsense").build()),
                    OAuthError.INVALID_GRANT);
        }

        @Test
        void aUserDisabledAfterLoginCannotRefresh() {
            TokenResponse first = passwordLogin();
            users.update(alice.toBuilder().enabled(false).build());

            assertError(() -> service.grant(TokenRequest.refreshToken("web", secret, first.refreshToken()).build()),
                    OAuthError.INVALID_GRANT);
        }

        @Test
        void expiredRefreshTokenIsInvalidGrant() {
            TokenResponse first = passwordLogin();
            clock.advance(Duration.ofDays(7));

            assertError(() -> service.grant(TokenRequest.refreshToken("web", secret, first.refreshToken()).build()),
                    OAuthError.INVALID_GRANT);
        }

        @Test
        void aStoreThatFailsNeverYieldsATokenThatWasNotPersisted() {
            TokenService broken = TokenService.builder().issuer(ISS).keys(KEYS).clients(clients).users(users).clock(clock)
                    .hasher(HASHER).throttle(LoginThrottle.disabled()).refreshTokens(new FailingStore()).build();

            assertThatThrownBy(() -> broken.grant(TokenRequest.password("web", secret, "alice", "wonderland".toCharArray())
                    .build())).isInstanceOf(StoreException.class)
                    .satisfies(e -> assertThat(((StoreException) e).error()).isEqualTo(OAuthError.TEMPORARILY_UNAVAILABLE));
        }
    }

    @Nested
    class AuthorizationCodeFlow {

        AuthorizationRequest request(String clientId, String redirect, String challenge) {
            return new AuthorizationRequest("code", clientId, redirect, "profile", "xyz", challenge,
                    challenge == null ? null : "S256");
        }

        String code(String clientId, String redirect, String challenge) {
            return service.issueAuthorizationCode(request(clientId, redirect, challenge), alice, clock.instant());
        }

        TokenRequest exchange(String clientId, String clientSecret, String code, String redirect, String verifier) {
            return TokenRequest.authorizationCode(clientId, clientSecret, code, redirect, verifier).build();
        }

        @Test
        void publicClientWithPkceGetsTokens() {
            String code = code("spa", "https://spa.example/cb", Pkce.s256(verifier));

            TokenResponse r = service.grant(exchange("spa", null, code, "https://spa.example/cb", verifier));

            assertThat(service.verify(r.accessToken()).subject()).isEqualTo(alice.id());
            assertThat(r.refreshTokenValue()).isPresent();
            assertThat(r.idTokenValue()).isPresent();
        }

        @Test
        void wrongOrMissingVerifierIsInvalidGrant() {
            String a = code("spa", "https://spa.example/cb", Pkce.s256(verifier));
            assertError(() -> service.grant(exchange("spa", null, a, "https://spa.example/cb", verifier + "x")),
                    OAuthError.INVALID_GRANT);
            String b = code("spa", "https://spa.example/cb", Pkce.s256(verifier));
            assertError(() -> service.grant(exchange("spa", null, b, "https://spa.example/cb", null)),
                    OAuthError.INVALID_GRANT);
        }

        @Test
        void aVerifierSentForACodeWithoutChallengeIsRefused() {
            String code = code("web", "https://web.example/cb", null);

            assertError(() -> service.grant(exchange("web", secret, code, "https://web.example/cb", verifier)),
                    OAuthError.INVALID_GRANT);
        }

        @Test
        void confidentialClientWithoutPkceIsAllowed() {
            String code = code("web", "https://web.example/cb", null);

            assertThat(service.grant(exchange("web", secret, code, "https://web.example/cb", null)).accessToken()).isNotNull();
        }

        @Test
        void redirectUriMustMatchExactly() {
            String code = code("web", "https://web.example/cb", null);

            assertError(() -> service.grant(exchange("web", secret, code, "https://web.example/cb/", null)),
                    OAuthError.INVALID_GRANT);
            assertError(() -> service.grant(exchange("web", secret, code("web", "https://web.example/cb", null), null, null)),
                    OAuthError.INVALID_REQUEST);
        }

        @Test
        void checkWhenRedirectUriIsOmittedThenRequiredEvenWithOneRegisteredUri() {
            assertThat(clients.findById("spa").orElseThrow().redirectUris()).hasSize(1);

            assertThatThrownBy(() -> service.checkAuthorizationRequest(new AuthorizationRequest("code", "spa", null,
                    null, null, Pkce.s256(verifier), "S256")))
                    .isInstanceOf(AuthException.class).hasMessage("redirect_uri is required");
        }

        @Test
        void codesExpire() {
            String code = code("web", "https://web.example/cb", null);
            clock.advance(Duration.ofMinutes(1));

            assertError(() -> service.grant(exchange("web", secret, code, "https://web.example/cb", null)),
                    OAuthError.INVALID_GRANT);
        }

        @Test
        void aReplayedCodeIsRefusedAndRevokesWhatItIssued() {
            String code = code("web", "https://web.example/cb", null);
            TokenResponse first = service.grant(exchange("web", secret, code, "https://web.example/cb", null));

            assertError(() -> service.grant(exchange("web", secret, code, "https://web.example/cb", null)),
                    OAuthError.INVALID_GRANT);

            assertThatThrownBy(() -> service.verify(first.accessToken())).isInstanceOf(RevokedTokenException.class);
            assertError(() -> service.grant(TokenRequest.refreshToken("web", secret, first.refreshToken()).build()),
                    OAuthError.INVALID_GRANT);
        }

        @Test
        void anotherClientCannotRedeemTheCode() {
            String code = code("web", "https://web.example/cb", null);

            assertError(() -> service.grant(exchange("other", secret, code, "https://web.example/cb", null)),
                    OAuthError.UNAUTHORIZED_CLIENT);
            clients.update(clients.findById("other").orElseThrow().toBuilder()
                    .grants(Set.of("authorization_code", "refresh_token")).build());
            assertError(() -> service.grant(exchange("other", secret, code, "https://web.example/cb", null)),
                    OAuthError.INVALID_GRANT);
        }

        @Test
        void authorizationRequestsAreCheckedBeforeTheUserLogsIn() {
            assertError(() -> service.checkAuthorizationRequest(request("spa", "https://evil.example/cb",
                    Pkce.s256(verifier))), OAuthError.INVALID_REQUEST);
            assertError(() -> service.checkAuthorizationRequest(request("nobody", "https://spa.example/cb",
                    Pkce.s256(verifier))), OAuthError.INVALID_REQUEST);
            assertError(() -> service.checkAuthorizationRequest(request("spa", "https://spa.example/cb", null)),
                    OAuthError.INVALID_REQUEST);
            assertError(() -> service.checkAuthorizationRequest(new AuthorizationRequest("code", "spa",
                    "https://spa.example/cb", null, null, verifier, "plain")), OAuthError.INVALID_REQUEST);
            assertError(() -> service.checkAuthorizationRequest(new AuthorizationRequest("token", "spa",
                    "https://spa.example/cb", null, null, Pkce.s256(verifier), "S256")), OAuthError.UNSUPPORTED_GRANT_TYPE);
            assertError(() -> service.checkAuthorizationRequest(new AuthorizationRequest("code", "spa",
                    "https://spa.example/cb", "admin", null, Pkce.s256(verifier), "S256")), OAuthError.INVALID_SCOPE);
        }

        @Test
        void aUsersOwnScopesLimitTheCodeFlowToo() {
            AuthorizationRequest wide = new AuthorizationRequest("code", "web", "https://web.example/cb", "orders:read",
                    null, null, null);

            assertError(() -> service.issueAuthorizationCode(wide, bob, clock.instant()), OAuthError.INVALID_SCOPE);
            String code = service.issueAuthorizationCode(new AuthorizationRequest("code", "web", "https://web.example/cb",
                    null, null, null, null), bob, clock.instant());
            assertThat(service.grant(exchange("web", secret, code, "https://web.example/cb", null)).scopes())
                    .containsExactly("profile");
        }

        @Test
        void plainPkceOnlyWithAnExplicitOptIn() {
            TokenService lenient = builder().allowPkcePlain().build();
            String code = lenient.issueAuthorizationCode(new AuthorizationRequest("code", "spa", "https://spa.example/cb",
                    null, null, verifier, "plain"), alice, clock.instant());

            assertThat(lenient.grant(exchange("spa", null, code, "https://spa.example/cb", verifier)).accessToken()).isNotNull();
        }
    }

    @Nested
    class ClientCodes {

        final Client flask = confidential("flask", Set.of("authorization_code", "refresh_token"),
                Set.of("profile", "orders:read"));

        ClientCodes() {
            clients.create(flask);
        }

        String clientCode(String scope) {
            return service.issueClientCode(service.authenticateClient(ClientCredential.of("flask", secret), null), scope);
        }

        TokenRequest byCode(String code) {
            return TokenRequest.builder(TokenRequest.AUTHORIZATION_CODE).code(code).build();
        }

        @Test
        void redeemClientCodeWithoutClientAuthThenTokensAreAboutTheClientWithARefreshToken() {
            TokenResponse r = service.redeemClientCode(byCode(clientCode(null)));

            VerifiedToken t = service.verify(r.accessToken());
            assertThat(t.subject()).isEqualTo("flask");
            assertThat(t.clientId()).isEqualTo("flask");
            assertThat(t.claim("username")).isEmpty();
            assertThat(t.scopes()).containsExactlyInAnyOrder("profile", "orders:read");
            assertThat(r.idTokenValue()).isEmpty();
            assertThat(service.introspect(r.refreshToken(), ClientCredential.of("flask", secret), null).fields())
                    .containsEntry("sub", "flask").containsEntry("client_id", "flask");
            TokenResponse next = service.grant(TokenRequest.refreshToken("flask", secret, r.refreshToken()).build());
            assertThat(service.verify(next.accessToken()).subject()).isEqualTo("flask");
        }

        @Test
        void grantWithClientAuthAndNoRedirectUriAcceptsAClientCode() {
            TokenResponse r = service.grant(TokenRequest.authorizationCode("flask", secret, clientCode("profile"), null, null)
                    .build());

            assertThat(service.verify(r.accessToken()).subject()).isEqualTo("flask");
            assertThat(r.scopes()).containsExactly("profile");
            assertThat(r.refreshTokenValue()).isPresent();
        }

        @Test
        void redeemClientCodeTwiceThenInvalidGrantAndWhatTheFirstUseIssuedIsRevoked() {
            String code = clientCode(null);
            TokenResponse first = service.redeemClientCode(byCode(code));

            assertError(() -> service.redeemClientCode(byCode(code)), OAuthError.INVALID_GRANT);

            assertThatThrownBy(() -> service.verify(first.accessToken())).isInstanceOf(RevokedTokenException.class);
            assertError(() -> service.grant(TokenRequest.refreshToken("flask", secret, first.refreshToken()).build()),
                    OAuthError.INVALID_GRANT);
        }

        @Test
        void clientCodeReplayedWithClientAuthAfterARedemptionWithoutItIsRefusedToo() {
            String code = clientCode(null);
            TokenResponse first = service.redeemClientCode(byCode(code));

            assertError(() -> service.grant(TokenRequest.authorizationCode("flask", secret, code, null, null).build()),
                    OAuthError.INVALID_GRANT);
            assertThatThrownBy(() -> service.verify(first.accessToken())).isInstanceOf(RevokedTokenException.class);
        }

        @Test
        void redeemClientCodeWhenTheCodeIsFromTheBrowserFlowThenInvalidClient() {
            String code = service.issueAuthorizationCode(new AuthorizationRequest("code", "web", "https://web.example/cb",
                    null, null, null, null), alice, clock.instant());

            assertError(() -> service.redeemClientCode(byCode(code)), OAuthError.INVALID_CLIENT);
        }

        @Test
        void clientCodeWithARedirectUriOrAVerifierIsInvalidGrant() {
            assertError(() -> service.grant(TokenRequest.authorizationCode("flask", secret, clientCode(null),
                    "https://flask.example/cb", null).build()), OAuthError.INVALID_GRANT);
            assertError(() -> service.redeemClientCode(TokenRequest.builder(TokenRequest.AUTHORIZATION_CODE)
                    .code(clientCode(null)).codeVerifier(verifier).build()), OAuthError.INVALID_GRANT);
        }

        @Test
        void clientCodeRedeemedByAnotherClientIsInvalidGrant() {
            String code = clientCode(null);

            assertError(() -> service.grant(TokenRequest.authorizationCode("web", secret, code, null, null).build()),
                    OAuthError.INVALID_GRANT);
        }

        @Test
        void clientCodesExpire() {
            String code = clientCode(null);
            clock.advance(Duration.ofMinutes(1));

            assertError(() -> service.redeemClientCode(byCode(code)), OAuthError.INVALID_GRANT);
        }

        @Test
        void redeemClientCodeWhenTheClientWasDisabledOrLostTheGrantThenRefused() {
            String a = clientCode(null);
            String b = clientCode(null);
            clients.update(flask.toBuilder().grants(Set.of("refresh_token")).build());
            assertError(() -> service.redeemClientCode(byCode(a)), OAuthError.UNAUTHORIZED_CLIENT);
            clients.update(flask.toBuilder().enabled(false).build());
            assertError(() -> service.redeemClientCode(byCode(b)), OAuthError.INVALID_GRANT);
        }

        @Test
        void redeemClientCodeWithClientCredentialsOrWithoutACodeIsInvalidRequest() {
            assertError(() -> service.redeemClientCode(TokenRequest.authorizationCode("flask", secret, clientCode(null),
                    null, null).build()), OAuthError.INVALID_REQUEST);
            assertError(() -> service.redeemClientCode(byCode(null)), OAuthError.INVALID_REQUEST);
            assertError(() -> service.redeemClientCode(TokenRequest.builder(TokenRequest.REFRESH_TOKEN).refreshToken("x")
                    .build()), OAuthError.UNSUPPORTED_GRANT_TYPE);
        }

        @Test
        void issueClientCodeWhenTheClientMayNotUseTheCodeGrantOrIsPublicThenUnauthorizedClient() {
            assertError(() -> service.issueClientCode(service.authenticateClient(ClientCredential.of("machine", secret), null), null),
                    OAuthError.UNAUTHORIZED_CLIENT);
            assertError(() -> service.issueClientCode(service.authenticateClient(ClientCredential.of("spa", null), null), null),
                    OAuthError.UNAUTHORIZED_CLIENT);
        }

        @Test
        void issueClientCodeResolvesScopesWithinTheClientsScopes() {
            assertError(() -> clientCode("admin"), OAuthError.INVALID_SCOPE);
            assertThat(service.redeemClientCode(byCode(clientCode("orders:read"))).scopes()).containsExactly("orders:read");
        }

        @Test
        void redeemClientCodeHoldsTheAccessTokenToTheServiceDefaultLifetime() {
            clients.update(flask.toBuilder().accessTokenLifetime(Duration.ofHours(5)).build());

            assertThat(service.redeemClientCode(byCode(clientCode(null))).expiresIn()).isEqualTo(900);
            assertThat(service.grant(TokenRequest.authorizationCode("flask", secret, clientCode(null), null, null).build())
                    .expiresIn()).isEqualTo(5 * 3600);
        }

        @Test
        void issueClientCodeWithoutACodeStoreIsUnsupported() {
            TokenService noCodes = TokenService.builder().issuer(ISS).keys(KEYS).clients(clients).clock(clock)
                    .hasher(HASHER).throttle(LoginThrottle.disabled()).build();

            assertError(() -> noCodes.issueClientCode(flask, null), OAuthError.UNSUPPORTED_GRANT_TYPE);
        }
    }

    @Nested
    class RevocationIntrospectionLogout {

        @Test
        void revokingARefreshTokenKillsItsFamily() {
            TokenResponse r = passwordLogin();

            service.revoke(r.refreshToken(), "refresh_token", ClientCredential.of("web", secret), null);

            assertError(() -> service.grant(TokenRequest.refreshToken("web", secret, r.refreshToken()).build()),
                    OAuthError.INVALID_GRANT);
            assertThatThrownBy(() -> service.verify(r.accessToken())).isInstanceOf(RevokedTokenException.class);
        }

        @Test
        void revokingAnAccessTokenPutsItOnTheList() {
            TokenResponse r = service.grant(TokenRequest.clientCredentials("machine", secret).build());

            service.revoke(r.accessToken(), null, ClientCredential.of("machine", secret), null);

            assertThatThrownBy(() -> service.verify(r.accessToken())).isInstanceOf(RevokedTokenException.class);
        }

        @Test
        void unknownTokensAndOtherClientsTokensAreIgnoredSilently() {
            TokenResponse r = passwordLogin();

            service.revoke("no-such-token", null, ClientCredential.of("web", secret), null);
            service.revoke(r.refreshToken(), null, ClientCredential.of("other", secret), null);
            service.revoke(r.accessToken(), "access_token", ClientCredential.of("other", secret), null);

            assertThat(service.verify(r.accessToken()).subject()).isEqualTo(alice.id());
            assertThat(service.grant(TokenRequest.refreshToken("web", secret, r.refreshToken()).build())).isNotNull();
            assertError(() -> service.revoke(r.accessToken(), null, ClientCredential.of("web", "wrong"), null), OAuthError.INVALID_CLIENT);
        }

        @Test
        void introspectionDescribesActiveTokensAndRevealsNothingOtherwise() {
            TokenResponse r = passwordLogin();

            Introspection active = service.introspect(r.accessToken(), ClientCredential.of("resource-server", secret), null);
            assertThat(active.toJson()).containsEntry("active", true).containsEntry("sub", alice.id())
                    .containsEntry("client_id", "web").containsEntry("username", "alice").containsEntry("iss", ISS);
            // Issue 10 point 16: token_type is an access token's type (RFC 7662 2.2), so a refresh token has none.
            assertThat(service.introspect(r.refreshToken(), ClientCredential.of("web", secret), null).toJson())
                    .containsEntry("active", true).doesNotContainKey("token_type");
            assertThat(service.introspect(r.refreshToken(), ClientCredential.of("other", secret), null).active())
                    .as("another client's refresh token").isFalse();
            assertThat(service.introspect("garbage", ClientCredential.of("resource-server", secret), null).toJson()).containsOnlyKeys("active")
                    .containsEntry("active", false);
            clock.advance(Duration.ofMinutes(16));
            assertThat(service.introspect(r.accessToken(), ClientCredential.of("resource-server", secret), null).active()).isFalse();
            assertError(() -> service.introspect(r.accessToken(), ClientCredential.of("spa", null), null), OAuthError.UNAUTHORIZED_CLIENT);
        }

        @Test
        void introspectWhenTheTokenIsAnotherClientsThenInactiveAndNothingMore() {
            TokenResponse r = passwordLogin();

            assertThat(service.introspect(r.accessToken(), ClientCredential.of("machine", secret), null).toJson())
                    .as("machine is neither the token's client nor its audience").containsOnlyKeys("active")
                    .containsEntry("active", false);
            assertThat(service.introspect(r.accessToken(), ClientCredential.of("other", secret), null).active()).isFalse();
        }

        @Test
        void introspectWhenTheTokenWasIssuedToTheCallerThenActive() {
            TokenResponse r = passwordLogin();

            assertThat(service.introspect(r.accessToken(), ClientCredential.of("web", secret), null).toJson())
                    .containsEntry("active", true).containsEntry("username", "alice").containsEntry("token_type", "Bearer");
        }

        @Test
        void introspectWhenTheAudienceNamesTheCallerThenActive() {
            TokenService forMachine = builder().audience("machine").build();
            TokenResponse r = forMachine.grant(TokenRequest.password("web", secret, "alice", "wonderland".toCharArray()).build());

            assertThat(forMachine.introspect(r.accessToken(), ClientCredential.of("machine", secret), null).toJson())
                    .containsEntry("active", true).containsEntry("aud", "machine");
            assertThat(forMachine.introspect(r.accessToken(), ClientCredential.of("other", secret), null).active()).isFalse();
        }

        @Test
        void introspectWhenTheCallerHoldsThePermissionThenEveryTokenIsVisible() {
            TokenResponse web = passwordLogin();
            TokenResponse machine = service.grant(TokenRequest.clientCredentials("machine", secret).build());

            assertThat(service.introspect(web.accessToken(), ClientCredential.of("resource-server", secret), null).active()).isTrue();
            assertThat(service.introspect(machine.accessToken(), ClientCredential.of("resource-server", secret), null).active()).isTrue();
            assertThat(service.introspect(web.refreshToken(), ClientCredential.of("resource-server", secret), null).active())
                    .as("refresh tokens stay with their client whatever the policy").isFalse();
        }

        @Test
        void theIntrospectionPermissionIsNeverATokensScope() {
            TokenResponse byDefault = service.grant(TokenRequest.clientCredentials("resource-server", secret).build());

            assertThat(service.verify(byDefault.accessToken()).scopes()).doesNotContain(IntrospectionPolicy.PERMISSION);
            assertError(() -> service.grant(TokenRequest.clientCredentials("resource-server", secret)
                    .scope(IntrospectionPolicy.PERMISSION).build()), OAuthError.INVALID_SCOPE);
        }

        @Test
        void introspectWhenARefreshTokenThenNoTokenTypeWhichRfc7662DefinesForAccessTokens() {
            TokenResponse r = passwordLogin();

            assertThat(service.introspect(r.refreshToken(), ClientCredential.of("web", secret), null).toJson())
                    .containsEntry("active", true).containsEntry("client_id", "web").doesNotContainKey("token_type");
            assertThat(service.introspect(r.accessToken(), ClientCredential.of("web", secret), null).toJson())
                    .containsEntry("token_type", "Bearer");
        }

        @Test
        void introspectWhenAPolicyIsConfiguredThenItDecides() {
            TokenResponse r = passwordLogin();
            TokenService open = builder().introspectionPolicy(IntrospectionPolicy.anyConfidentialClient()).build();
            TokenService strict = builder().introspectionPolicy(IntrospectionPolicy.ownTokensOrAudience()).build();

            assertThat(open.introspect(r.accessToken(), ClientCredential.of("machine", secret), null).active()).isTrue();
            assertThat(strict.introspect(r.accessToken(), ClientCredential.of("resource-server", secret), null).active()).isFalse();
            assertThat(strict.introspect(r.accessToken(), ClientCredential.of("web", secret), null).active()).isTrue();
        }

        @Test
        void logoutKillsTheAccessTokenAndItsFamily() {
            TokenResponse r = passwordLogin();

            service.logout(r.accessToken());

            assertThatThrownBy(() -> service.verify(r.accessToken())).isInstanceOf(RevokedTokenException.class);
            assertError(() -> service.grant(TokenRequest.refreshToken("web", secret, r.refreshToken()).build()),
                    OAuthError.INVALID_GRANT);
        }
    }

    @Nested
    class ReferenceTokens {

        final TokenService sessions = builder().referenceTokens(new InMemoryReferenceTokenStore(), Duration.ofMinutes(5))
                .accessTokenLifetime(Duration.ofHours(1)).build();

        @Test
        void opaqueTokensVerifyAndEachUseExtendsTheIdleTimeout() {
            TokenResponse r = sessions.grant(TokenRequest.password("web", secret, "alice", "wonderland".toCharArray()).build());
            assertThat(r.accessToken()).doesNotContain(".").hasSize(43);
            assertThat(r.expiresIn()).as("expires_in is the idle deadline, not the absolute one").isEqualTo(300);

            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofMinutes(4));
                assertThat(sessions.verify(r.accessToken()).subject()).isEqualTo(alice.id());
            }
            clock.advance(Duration.ofMinutes(5));
            assertThatThrownBy(() -> sessions.verify(r.accessToken())).isInstanceOf(ExpiredTokenException.class);
        }

        @Test
        void useNeverOutlivesTheAbsoluteLifetime() {
            TokenResponse r = sessions.grant(TokenRequest.password("web", secret, "alice", "wonderland".toCharArray()).build());
            for (int i = 0; i < 14; i++) {
                clock.advance(Duration.ofMinutes(4));
                sessions.verify(r.accessToken());
            }
            clock.advance(Duration.ofMinutes(4)); // 60 minutes after issue

            assertThatThrownBy(() -> sessions.verify(r.accessToken())).isInstanceOf(ExpiredTokenException.class);
        }

        @Test
        void opaqueTokensCarryTheUsersClaimsAndDieWithTheUser() {
            TokenResponse r = sessions.grant(TokenRequest.password("web", secret, "alice", "wonderland".toCharArray()).build());

            VerifiedToken t = sessions.verify(r.accessToken());
            assertThat(t.claim("username")).contains("alice");
            assertThat(t.claim("roles")).contains(List.of("admin"));

            users.update(alice.toBuilder().enabled(false).build());
            assertThatThrownBy(() -> sessions.verify(r.accessToken())).isInstanceOf(RevokedTokenException.class);
        }

        @Test
        void replayedAuthorizationCodeKillsTheOpaqueAccessTokenOfItsFirstUseAtOnce() {
            String code = sessions.issueAuthorizationCode(new AuthorizationRequest("code", "web",
                    "https://web.example/cb", "profile", "xyz", null, null), alice, clock.instant());
            TokenRequest exchange = TokenRequest.authorizationCode("web", secret, code, "https://web.example/cb", null)
                    .build();
            TokenResponse first = sessions.grant(exchange);
            sessions.verify(first.accessToken());

            assertError(() -> sessions.grant(exchange), OAuthError.INVALID_GRANT);

            assertThatThrownBy(() -> sessions.verify(first.accessToken())).isInstanceOf(RevokedTokenException.class);
            assertThatThrownBy(() -> sessions.verify(first.accessToken())).isInstanceOf(InvalidTokenException.class);
        }

        @Test
        void reusedRefreshTokenKillsTheFamilysOpaqueAccessTokensAtOnce() {
            TokenResponse login = sessions.grant(TokenRequest.password("web", secret, "alice", "wonderland".toCharArray()).build());
            TokenResponse rotated = sessions.grant(TokenRequest.refreshToken("web", secret, login.refreshToken()).build());

            assertError(() -> sessions.grant(TokenRequest.refreshToken("web", secret, login.refreshToken()).build()),
                    OAuthError.INVALID_GRANT);

            assertThatThrownBy(() -> sessions.verify(login.accessToken())).isInstanceOf(RevokedTokenException.class);
            assertThatThrownBy(() -> sessions.verify(rotated.accessToken())).isInstanceOf(RevokedTokenException.class);
        }

        @Test
        void aRevocationOutlivesTheIdleDeadlineOfAnOpaqueTokenKeptAliveByUse() {
            TokenResponse login = sessions.grant(TokenRequest.password("web", secret, "alice", "wonderland".toCharArray()).build());
            clock.advance(Duration.ofMinutes(1));
            TokenResponse rotated = sessions.grant(TokenRequest.refreshToken("web", secret, login.refreshToken()).build());
            assertThat(rotated.expiresIn()).isEqualTo(300);
            for (int i = 0; i < 2; i++) {
                clock.advance(Duration.ofMinutes(4));
                sessions.verify(rotated.accessToken()); // idle deadline now 5 minutes ahead
            }

            assertError(() -> sessions.grant(TokenRequest.refreshToken("web", secret, login.refreshToken()).build()),
                    OAuthError.INVALID_GRANT);
            clock.advance(Duration.ofMinutes(4)); // past the first idle deadline and the list's margin
            sessions.purge();

            assertThatThrownBy(() -> sessions.verify(rotated.accessToken())).isInstanceOf(RevokedTokenException.class);
        }

        @Test
        void logoutKillsAnOpaqueTokenAtOnceAndItsRefreshFamily() {
            TokenResponse r = sessions.grant(TokenRequest.password("web", secret, "alice", "wonderland".toCharArray()).build());
            assertThat(r.refreshTokenValue()).isPresent();

            sessions.logout(r.accessToken());

            assertThatThrownBy(() -> sessions.verify(r.accessToken())).isInstanceOf(InvalidTokenException.class);
            assertError(() -> sessions.grant(TokenRequest.refreshToken("web", secret, r.refreshToken()).build()),
                    OAuthError.INVALID_GRANT);
        }
    }

    @Nested
    class Builder {

        @Test
        void insecureOrContradictorySettingsAreRefusedWithWhatToChange() {
            assertThatThrownBy(() -> builder().accessTokenLifetime(Duration.ofHours(2)).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("allowLongAccessTokens()");
            assertThatThrownBy(() -> builder().authorizationCodeLifetime(Duration.ofMinutes(11)).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("10 minutes");
            assertThatThrownBy(() -> TokenService.builder().issuer(ISS).keys(KEYS).clients(clients)
                    .refreshGraceWindow(Duration.ofSeconds(5)).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("refreshTokens(..)");
            assertThatThrownBy(() -> TokenService.builder().issuer(ISS).keys(KEYS).clients(clients)
                    .authorizationCodes(new InMemoryAuthorizationCodeStore()).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("users(..)");
            assertThatThrownBy(() -> TokenService.builder().keys(KEYS).clients(clients).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("issuer(..)");
            assertThatThrownBy(() -> SigningKey.hmac(new byte[16], "short"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256");
            assertThatThrownBy(() -> Client.builder("spa2").publicClient().grants(Set.of("password")).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password grant");
            assertThat(builder().accessTokenLifetime(Duration.ofHours(2)).allowLongAccessTokens().build()).isNotNull();
        }

        @Test
        void buildWhenTheIssuerIsNotASecureUrlThenRefusedSayingWhatToChange() {
            assertThatThrownBy(() -> TokenService.builder().issuer("http://auth.example").keys(KEYS).clients(clients).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("uses plain http")
                    .hasMessageContaining("use https").hasMessageContaining("allowInsecureIssuer()");
            assertThatThrownBy(() -> TokenService.builder().issuer("not-a-url").keys(KEYS).clients(clients).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not an absolute http(s) URL");
            assertThatThrownBy(() -> TokenService.builder().issuer("https://auth.example/?tenant=1").keys(KEYS)
                    .clients(clients).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no query and no fragment");

            for (String loopback : List.of("http://localhost:8080", "http://127.0.0.1:9000/auth", "http://[::1]:8080")) {
                assertThat(TokenService.builder().issuer(loopback).keys(KEYS).clients(clients).build().issuer())
                        .isEqualTo(loopback);
            }
            assertThat(TokenService.builder().issuer("http://auth.test").allowInsecureIssuer().keys(KEYS).clients(clients)
                    .build().issuer()).isEqualTo("http://auth.test");
        }
    }

    /** A refresh store whose every write fails as a lost connection would. */
    static final class FailingStore implements RefreshTokenStore {
        @Override
        public void createFamily(RefreshFamily family, RefreshTokenEntry first) {
            throw new StoreException("connection lost", null, true);
        }

        @Override
        public Optional<Found> find(String digest) {
            return Optional.empty();
        }

        @Override
        public boolean rotate(String digest, Instant rotatedAt, byte[] sealed, RefreshTokenEntry successor) {
            throw new StoreException("connection lost", null, true);
        }

        @Override
        public List<IssuedAccess> revokeFamily(String familyId, Instant now) {
            return List.of();
        }

        @Override
        public List<IssuedAccess> revokeSubject(String subject, Instant now) {
            return List.of();
        }

        @Override
        public List<IssuedAccess> revokeClient(String clientId, Instant now) {
            return List.of();
        }

        @Override
        public int purge(Instant now) {
            return 0;
        }
    }
}
