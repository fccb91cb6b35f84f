package dev.lanyard.auth;

import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientSecret;
import dev.lanyard.auth.client.InMemoryClientStore;
import dev.lanyard.auth.grant.InMemoryAuthorizationCodeStore;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.internal.grant.Pkce;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.password.ClientSecrets;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.user.InMemoryUserStore;
import dev.lanyard.auth.user.User;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grant-side failures are named, and the authorization request's say whether they may be redirected. */
class ErrorModelTest {

    static final String CB = "https://spa.example/cb";
    final MutableClock clock = MutableClock.at("2026-12-02T10:00:00Z");
    final InMemoryClientStore clients = new InMemoryClientStore();
    final InMemoryUserStore users = new InMemoryUserStore();
    final String secret = ClientSecrets.generate();
    final String verifier = "a-long-enough-pkce-verifier-0123456789-abcdefghijklm";
    final User alice = User.builder("alice").build();
    final TokenService tokens;

    ErrorModelTest() {
        users.create(alice);
        clients.create(Client.builder("spa").publicClient().grants(Set.of("authorization_code"))
                .scopes(Set.of("profile")).redirectUris(List.of(CB)).build());
        clients.create(Client.builder("machine").grants(Set.of("client_credentials")).redirectUris(List.of(CB))
                .secrets(List.of(new ClientSecret("s1", ClientSecrets.digest(secret), clock.instant()))).build());
        tokens = TokenService.builder().issuer("https://auth.example").keys(KeyManager.builder().build()).clients(clients)
                .users(users).clock(clock).throttle(LoginThrottle.disabled())
                .authorizationCodes(new InMemoryAuthorizationCodeStore()).build();
    }

    AuthorizationRequest request(String responseType, String clientId, String redirectUri, String scope, String challenge) {
        return new AuthorizationRequest(responseType, clientId, redirectUri, scope, "xyz", challenge,
                challenge == null ? null : "S256");
    }

    String code() {
        return tokens.issueAuthorizationCode(request("code", "spa", CB, "profile", Pkce.s256(verifier)), alice, clock.instant());
    }

    @Test
    void theRootIsAbstractSoThatEveryFailureIsNamed() {
        assertThat(Modifier.isAbstract(AuthException.class.getModifiers())).isTrue();
    }

    @Test
    void aReplayedCodeARedirectMismatchAndAFailedPkceCheckAreToldApart() {
        String code = code();
        assertThatThrownBy(() -> tokens.grant(TokenRequest.authorizationCode("spa", null, code,
                "https://spa.example/other", verifier).build())).isInstanceOf(RedirectUriMismatchException.class);
        assertThatThrownBy(() -> tokens.grant(TokenRequest.authorizationCode("spa", null, code, CB, verifier).build()))
                .isInstanceOf(CodeReplayedException.class)
                .satisfies(e -> assertThat(((AuthException) e).error()).isEqualTo(OAuthError.INVALID_GRANT));
        String another = code();
        assertThatThrownBy(() -> tokens.grant(TokenRequest.authorizationCode("spa", null, another, CB,
                verifier.replace('a', 'b')).build())).isInstanceOf(PkceFailedException.class)
                .isInstanceOf(InvalidGrantException.class);
    }

    @Test
    void anAuthorizationRequestErrorIsRedirectableOnlyOnceTheClientAndRedirectUriCheckedOut() {
        String challenge = Pkce.s256(verifier);
        assertRefused(request("code", "nobody", CB, null, challenge), OAuthError.INVALID_REQUEST, false);
        assertRefused(request("code", "spa", "https://evil.example/cb", null, challenge), OAuthError.INVALID_REQUEST, false);
        assertRefused(request("code", "spa", null, null, challenge), OAuthError.INVALID_REQUEST, false);
        assertRefused(request("code", "machine", CB, null, null), OAuthError.UNAUTHORIZED_CLIENT, false);
        assertRefused(request("token", "spa", CB, null, challenge), OAuthError.UNSUPPORTED_GRANT_TYPE, true);
        assertRefused(request("code", "spa", CB, null, null), OAuthError.INVALID_REQUEST, true);
        assertRefused(request("code", "spa", CB, "admin", challenge), OAuthError.INVALID_SCOPE, true);
    }

    void assertRefused(AuthorizationRequest request, OAuthError error, boolean redirectable) {
        assertThatThrownBy(() -> tokens.checkAuthorizationRequest(request))
                .isInstanceOf(AuthorizationRequestException.class)
                .satisfies(e -> {
                    AuthorizationRequestException refused = (AuthorizationRequestException) e;
                    assertThat(refused.error()).as(refused.getMessage()).isEqualTo(error);
                    assertThat(refused.redirectable()).as(refused.getMessage()).isEqualTo(redirectable);
                });
    }

    @Test
    void aServerErrorTellsTheClientLessThanTheLog() {
        assertThatThrownBy(() -> tokens.grantForFirstParty(TokenRequest.password(null, null, "alice",
                "x".toCharArray()).build(), "web-login"))
                .isInstanceOf(ServerErrorException.class)
                .hasMessageContaining("'web-login'")
                .satisfies(e -> assertThat(((AuthException) e).description()).doesNotContain("web-login")
                        .isEqualTo("the server is not configured for this request"));
    }
}
