package dev.lanyard.auth.grant;

import dev.lanyard.auth.InvalidGrantException;
import dev.lanyard.auth.InvalidRequestException;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.UnauthorizedClientException;
import dev.lanyard.auth.UnsupportedGrantTypeException;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientSecret;
import dev.lanyard.auth.client.InMemoryClientStore;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEventListener;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.password.ClientSecrets;
import dev.lanyard.auth.refresh.InMemoryRefreshTokenStore;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.token.VerifiedToken;
import dev.lanyard.auth.user.InMemoryUserStore;
import dev.lanyard.auth.user.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrantHandlerTest {

    static final String OTP = "urn:example:grant-type:one-time-code";
    static final KeyManager KEYS = KeyManager.builder().build();

    final MutableClock clock = MutableClock.at("2026-12-02T10:00:00Z");
    final InMemoryClientStore clients = new InMemoryClientStore();
    final InMemoryUserStore users = new InMemoryUserStore();
    final String secret = ClientSecrets.generate();
    final Map<String, User> codes = new ConcurrentHashMap<>();
    final List<AuthEvent.TokenIssued> issued = new ArrayList<>();
    final User alice = User.builder("alice").roles(Set.of("reader")).scopes(Set.of("profile")).build();

    /** The README's example grant: a user's one-time code for tokens about the user. */
    final class OneTimeCodeGrant implements GrantHandler {
        @Override
        public String grantType() {
            return OTP;
        }

        @Override
        public TokenResponse handle(GrantContext context, TokenRequest request, Client client) {
            assertThat(context.grantType()).isEqualTo(OTP);
            String code = request.parameter("code").orElseThrow(() -> new InvalidRequestException("code is required"));
            User user = codes.remove(code);
            if (user == null) {
                throw new InvalidGrantException("the code is unknown or used");
            }
            return context.issue(client).user(user)
                    .scopes(context.scopes(request.scope().orElse(null), context.scopesForUser(client.scopes(), user.scopes())))
                    .refreshToken(true).lifetime(Duration.ofMinutes(5)).issue();
        }
    }

    GrantHandlerTest() {
        users.create(alice);
        clients.create(Client.builder("app").grants(Set.of(OTP, "refresh_token")).scopes(Set.of("profile", "orders"))
                .secrets(List.of(new ClientSecret("s1", ClientSecrets.digest(secret), clock.instant()))).build());
        clients.create(Client.builder("other").grants(Set.of("client_credentials"))
                .secrets(List.of(new ClientSecret("s1", ClientSecrets.digest(secret), clock.instant()))).build());
    }

    TokenService.Builder service() {
        return TokenService.builder().issuer("https://auth.example").keys(KEYS).clients(clients).users(users).clock(clock)
                .throttle(LoginThrottle.disabled()).refreshTokens(new InMemoryRefreshTokenStore())
                .listener(new AuthEventListener() {
                    @Override
                    public void tokenIssued(AuthEvent.TokenIssued event) {
                        issued.add(event);
                    }
                });
    }

    @Test
    void aGrantWrittenOutsideTheLibraryIssuesThroughTheContextAsTheBuiltInsDo() {
        TokenService tokens = service().grant(new OneTimeCodeGrant()).build();
        codes.put("123456", alice);

        TokenResponse r = tokens.grant(TokenRequest.builder(OTP).client("app", secret).parameter("code", "123456").build());

        VerifiedToken t = tokens.verify(r.accessToken());
        assertThat(t.subject()).isEqualTo(alice.id());
        assertThat(t.scopes()).containsExactly("profile");
        assertThat(t.claim("roles")).contains(List.of("reader"));
        assertThat(r.expiresIn()).isEqualTo(300);
        assertThat(r.refreshTokenValue()).as("the client may refresh").isPresent();
        assertThat(issued).extracting(AuthEvent.TokenIssued::grantType).containsExactly(OTP);
        TokenResponse next = tokens.grant(TokenRequest.refreshToken("app", secret, r.refreshTokenValue().get()).build());
        assertThat(tokens.verify(next.accessToken()).subject()).isEqualTo(alice.id());
        assertThatThrownBy(() -> tokens.grant(TokenRequest.builder(OTP).client("app", secret)
                .parameter("code", "123456").build())).isInstanceOf(InvalidGrantException.class);
    }

    @Test
    void theRegisteredGrantsAreWhatTheServiceSupportsInTheirOrder() {
        TokenService tokens = service().grant(new OneTimeCodeGrant()).withoutGrant(TokenRequest.PASSWORD).build();

        assertThat(tokens.grantTypes()).containsExactly("client_credentials", "refresh_token", "authorization_code", OTP);
        assertThatThrownBy(() -> tokens.grant(TokenRequest.password("app", secret, "alice", "x".toCharArray()).build()))
                .isInstanceOf(UnsupportedGrantTypeException.class);
        assertThat(service().build().grantTypes())
                .containsExactly("client_credentials", "password", "refresh_token", "authorization_code");
    }

    @Test
    void withoutTheCodeGrantTheCodeFlowsFrontChannelIsOffToo() {
        TokenService tokens = service().authorizationCodes(new InMemoryAuthorizationCodeStore())
                .withoutGrant(TokenRequest.AUTHORIZATION_CODE).build();

        assertThatThrownBy(() -> tokens.checkAuthorizationRequest(new dev.lanyard.auth.AuthorizationRequest("code", "app",
                "https://app.example/cb", null, null, null, null)))
                .isInstanceOf(dev.lanyard.auth.AuthorizationRequestException.class)
                .hasMessageContaining("no authorization codes");
        Client app = tokens.authenticateClient(dev.lanyard.auth.client.ClientCredential.basic("app", secret), null);
        assertThatThrownBy(() -> tokens.issueClientCode(app, null)).isInstanceOf(UnsupportedGrantTypeException.class);
    }

    @Test
    void aClientThatDoesNotListTheGrantIsUnauthorizedBeforeTheHandlerRuns() {
        TokenService tokens = service().grant(new OneTimeCodeGrant()).build();
        codes.put("123456", alice);

        assertThatThrownBy(() -> tokens.grant(TokenRequest.builder(OTP).client("other", secret)
                .parameter("code", "123456").build())).isInstanceOf(UnauthorizedClientException.class);
        assertThat(codes).as("the handler never ran").containsKey("123456");
    }

    @Test
    void aGrantTypeMustBeNewAndAnRfcNameOrAnAbsoluteUri() {
        GrantHandler bare = new GrantHandler() {
            @Override
            public String grantType() {
                return "otp";
            }

            @Override
            public TokenResponse handle(GrantContext context, TokenRequest request, Client client) {
                throw new AssertionError("never called");
            }
        };
        assertThatThrownBy(() -> service().grant(bare)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("absolute URI");
        assertThatThrownBy(() -> service().grant(new OneTimeCodeGrant()).grant(new OneTimeCodeGrant()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already registered");
        assertThatThrownBy(() -> service().withoutGrant("implicit")).isInstanceOf(IllegalStateException.class);
        assertThat(Client.isExtensionGrant(OTP)).isTrue();
        assertThat(Client.isExtensionGrant("implicit")).isFalse();
    }

    @Test
    void anIssuanceIsUsedOnce() {
        GrantHandler twice = new GrantHandler() {
            @Override
            public String grantType() {
                return OTP;
            }

            @Override
            public TokenResponse handle(GrantContext context, TokenRequest request, Client client) {
                Issuance issuance = context.issue(client).user(alice);
                issuance.issue();
                return issuance.issue();
            }
        };
        TokenService tokens = service().grant(twice).build();

        assertThatThrownBy(() -> tokens.grant(TokenRequest.builder(OTP).client("app", secret).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already issued");
    }
}
