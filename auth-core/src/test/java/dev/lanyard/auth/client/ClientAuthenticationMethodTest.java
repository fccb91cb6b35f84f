package dev.lanyard.auth.client;

import dev.lanyard.auth.InvalidCredentialsException;
import dev.lanyard.auth.InvalidRequestException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEventListener;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.password.ClientSecrets;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAuthenticationMethodTest {

    static final KeyManager KEYS = KeyManager.builder().build();
    static final String ASSERTION_TYPE = "urn:example:client-assertion-type:shared-word";

    final MutableClock clock = MutableClock.at("2026-12-02T10:00:00Z");
    final InMemoryClientStore clients = new InMemoryClientStore();
    final String secret = ClientSecrets.generate();
    final List<AuthEvent.LoginFailed> failures = new ArrayList<>();

    /** A toy plug-in: a client proves itself with the word its app id holds, sent as an assertion. */
    static final class SharedWord implements ClientAuthenticationMethod {
        @Override
        public String name() {
            return "example_shared_word";
        }

        @Override
        public boolean appliesTo(ClientCredential credential) {
            return credential.presentation() == ClientCredential.Presentation.ASSERTION
                    && credential.assertionType().orElse("").equals(ASSERTION_TYPE);
        }

        @Override
        public Client authenticate(ClientCredential credential, ClientAuthenticationContext context) {
            // the assertion names its client ("id:word"), as a JWT assertion's sub does
            String[] parts = credential.assertion().orElse("").split(":", 2);
            Client client = context.client(parts[0]).orElseThrow(() -> context.failure(AuthEvent.FailureReason.UNKNOWN));
            byte[] expected = client.appId().orElse("").getBytes(StandardCharsets.UTF_8);
            byte[] given = (parts.length == 2 ? parts[1] : "").getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(expected, given)) {
                throw context.failure(AuthEvent.FailureReason.WRONG_CREDENTIALS);
            }
            return client;
        }
    }

    ClientAuthenticationMethodTest() {
        clients.create(withSecret("basic-only").tokenEndpointAuthMethod("client_secret_basic").build());
        clients.create(withSecret("either").build());
        clients.create(Client.builder("worded").grants(Set.of("client_credentials")).appId("open-sesame")
                .tokenEndpointAuthMethod("example_shared_word").build());
    }

    Client.Builder withSecret(String id) {
        return Client.builder(id).grants(Set.of("client_credentials"))
                .secrets(List.of(new ClientSecret("s1", ClientSecrets.digest(secret), clock.instant())));
    }

    TokenService.Builder service() {
        return TokenService.builder().issuer("https://auth.example").keys(KEYS).clients(clients).clock(clock)
                .throttle(LoginThrottle.disabled())
                .listener(new AuthEventListener() {
                    @Override
                    public void loginFailed(AuthEvent.LoginFailed event) {
                        failures.add(event);
                    }
                });
    }

    @Test
    void aClientRegisteredForBasicIsRefusedWithItsRightSecretInTheBody() {
        TokenService tokens = service().build();

        assertThat(tokens.authenticateClient(ClientCredential.basic("basic-only", secret), null).clientId())
                .isEqualTo("basic-only");
        assertThatThrownBy(() -> tokens.authenticateClient(ClientCredential.post("basic-only", secret), null))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(failures).extracting(AuthEvent.LoginFailed::reason).containsExactly(AuthEvent.FailureReason.WRONG_METHOD);
    }

    @Test
    void aClientWithNoRegisteredMethodTakesItsSecretEitherWay() {
        TokenService tokens = service().build();

        assertThat(tokens.authenticateClient(ClientCredential.basic("either", secret), null).clientId()).isEqualTo("either");
        assertThat(tokens.authenticateClient(ClientCredential.post("either", secret), null).clientId()).isEqualTo("either");
    }

    @Test
    void aPlugInMethodAuthenticatesItsClientsAtTheTokenEndpointAndOnlyThem() {
        TokenService tokens = service().clientAuthentication(new SharedWord()).build();

        TokenResponse r = tokens.grant(TokenRequest.builder(TokenRequest.CLIENT_CREDENTIALS)
                .client(ClientCredential.assertion(null, ASSERTION_TYPE, "worded:open-sesame")).build());

        assertThat(tokens.verify(r.accessToken()).clientId()).isEqualTo("worded");
        assertThatThrownBy(() -> tokens.authenticateClient(
                ClientCredential.assertion(null, ASSERTION_TYPE, "worded:guess"), null))
                .isInstanceOf(InvalidCredentialsException.class);
        // a client with a secret is not registered for the plug-in, even knowing the word of another
        assertThatThrownBy(() -> tokens.authenticateClient(
                ClientCredential.assertion(null, ASSERTION_TYPE, "either:"), null))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(failures).extracting(AuthEvent.LoginFailed::reason).containsExactly(
                AuthEvent.FailureReason.WRONG_CREDENTIALS, AuthEvent.FailureReason.WRONG_METHOD);
    }

    @Test
    void aCredentialNoRegisteredMethodTakesIsInvalidClient() {
        TokenService tokens = service().build();

        assertThatThrownBy(() -> tokens.authenticateClient(
                ClientCredential.assertion("worded", ASSERTION_TYPE, "worded:open-sesame"), null))
                .isInstanceOf(InvalidCredentialsException.class)
                .satisfies(e -> assertThat(((InvalidCredentialsException) e).error()).isEqualTo(OAuthError.INVALID_CLIENT));
        assertThat(failures).extracting(AuthEvent.LoginFailed::reason).containsExactly(AuthEvent.FailureReason.WRONG_METHOD);
    }

    @Test
    void theRegisteredMethodsAreWhatTheServiceReports() {
        TokenService tokens = service().clientAuthentication(new SharedWord())
                .withoutClientAuthentication("client_secret_post").build();

        assertThat(tokens.clientAuthenticationMethods()).extracting(ClientAuthenticationMethod::name)
                .containsExactly("client_secret_basic", "none", "example_shared_word");
        assertThat(tokens.clientAuthenticationMethods()).filteredOn(ClientAuthenticationMethod::provesIdentity)
                .extracting(ClientAuthenticationMethod::name).containsExactly("client_secret_basic", "example_shared_word");
        assertThatThrownBy(() -> tokens.authenticateClient(ClientCredential.post("either", secret), null))
                .isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void registeringAMethodTwiceOrRemovingAnUnknownOneIsRefusedAtOnce() {
        assertThatThrownBy(() -> service().clientAuthentication(ClientAuthenticationMethods.none()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("none is already registered");
        assertThatThrownBy(() -> service().withoutClientAuthentication("private_key_jwt"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("private_key_jwt");
    }

    @Test
    void aClientsMethodMustFitWhetherItIsPublicAndWhetherItHoldsSecrets() {
        assertThatThrownBy(() -> Client.builder("spa").publicClient().grants(Set.of("authorization_code"))
                .tokenEndpointAuthMethod("client_secret_basic").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("can only use tokenEndpointAuthMethod none");
        assertThatThrownBy(() -> withSecret("app").tokenEndpointAuthMethod("none").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot use tokenEndpointAuthMethod none");
        assertThatThrownBy(() -> withSecret("app").tokenEndpointAuthMethod("private_key_jwt").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot hold secrets");
        assertThatThrownBy(() -> withSecret("app").tokenEndpointAuthMethod("bad method\n").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a method name");
        assertThat(withSecret("app").tokenEndpointAuthMethod("client_secret_post").build().toBuilder().build()
                .tokenEndpointAuthMethod()).contains("client_secret_post");
    }

    @Test
    void aCredentialNeverShowsItsSecretOrAssertion() {
        assertThat(ClientCredential.basic("app", "s3cret").toString()).doesNotContain("s3cret").contains("app");
        assertThat(ClientCredential.assertion(null, ClientCredential.JWT_BEARER, "eyJhbGciOi.x.y").toString())
                .doesNotContain("eyJ");
    }

    @Test
    void aTokenRequestCarriesItsRawParametersAndRefusesARepeatedOne() {
        TokenRequest request = TokenRequest.builder("urn:example:grant").parameter("otp", "123456")
                .parameter("scope", "a b").parameter("twice", "1").parameter("twice", "2").build();

        assertThat(request.parameter("otp")).contains("123456");
        assertThat(request.scope()).contains("a b");
        assertThat(request.parameters().get("twice")).containsExactly("1", "2");
        assertThatThrownBy(() -> request.parameter("twice")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'twice' is given more than once");
        assertThatThrownBy(() -> request.parameters().put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
    }
}
