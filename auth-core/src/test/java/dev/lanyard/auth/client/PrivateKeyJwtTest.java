package dev.lanyard.auth.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.sun.net.httpserver.HttpServer;
import dev.lanyard.auth.InvalidCredentialsException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEventListener;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.key.SigningAlgorithm;
import dev.lanyard.auth.key.SigningKey;
import dev.lanyard.auth.password.ClientSecrets;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * private_key_jwt at the core: a valid assertion per algorithm, and one test per attack, each
 * assertion built by hand the way an attacker would.
 */
class PrivateKeyJwtTest {

    static final String ISS = "https://auth.example";
    static final String TOKEN_URL = ISS + "/oauth2/token";

    static SigningKey rsa;
    static SigningKey ec;
    static SigningKey ed;
    static SigningKey otherClientKey;
    static RSAKey rsaWithoutAlg;

    final MutableClock clock = MutableClock.at("2026-12-02T10:00:00Z");
    final long now = clock.instant().getEpochSecond();
    final InMemoryClientStore clients = new InMemoryClientStore();
    final InMemoryReplayStore replays = new InMemoryReplayStore(clock);
    final List<AuthEvent.LoginFailed> failures = new ArrayList<>();
    final String secret = ClientSecrets.generate();
    final ClientAuthenticator auth;
    HttpServer jwksServer;

    @BeforeAll
    static void keys() throws JOSEException {
        rsa = SigningKey.generate(SigningAlgorithm.RS256);
        ec = SigningKey.generate(SigningAlgorithm.ES256);
        ed = SigningKey.generate(SigningAlgorithm.EDDSA);
        otherClientKey = SigningKey.generate(SigningAlgorithm.RS256);
        rsaWithoutAlg = new RSAKeyGenerator(2048).keyID("no-alg").generate();
    }

    PrivateKeyJwtTest() {
        clients.create(Client.builder("batch").grants(Set.of("client_credentials")).tokenEndpointAuthMethod("private_key_jwt")
                .jwks(Map.of("keys", List.of(rsa.publicJwk().orElseThrow(), ec.publicJwk().orElseThrow(),
                        ed.publicJwk().orElseThrow())))
                .build());
        clients.create(Client.builder("pss").grants(Set.of("client_credentials")).tokenEndpointAuthMethod("private_key_jwt")
                .jwks(Map.of("keys", List.of(rsaWithoutAlg.toPublicJWK().toJSONObject()))).build());
        clients.create(Client.builder("other").grants(Set.of("client_credentials")).tokenEndpointAuthMethod("private_key_jwt")
                .jwks(Map.of("keys", List.of(otherClientKey.publicJwk().orElseThrow()))).build());
        clients.create(Client.builder("secretive").grants(Set.of("client_credentials"))
                .secrets(List.of(new ClientSecret("s1", ClientSecrets.digest(secret), clock.instant()))).build());
        auth = authenticator(PrivateKeyJwt.builder(replays).audiences(List.of(TOKEN_URL)).build());
    }

    ClientAuthenticator authenticator(PrivateKeyJwt method) {
        List<ClientAuthenticationMethod> methods = new ArrayList<>(ClientAuthenticationMethods.defaults());
        methods.add(method);
        AuthEvents events = AuthEvents.of(List.of(new AuthEventListener() {
            @Override
            public void loginFailed(AuthEvent.LoginFailed event) {
                failures.add(event);
            }
        }));
        return ClientAuthenticator.builder().clients(clients).clock(clock).issuer(ISS).methods(methods)
                .throttle(LoginThrottle.disabled()).events(events).build();
    }

    @AfterEach
    void stop() {
        if (jwksServer != null) {
            jwksServer.stop(0);
        }
    }

    // ---- building assertions by hand

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String signed(String header, String claims, JWSSigner signer, String alg) {
        String input = b64(header) + "." + b64(claims);
        try {
            Base64URL sig = signer.sign(new JWSHeader(JWSAlgorithm.parse(alg)), input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + sig;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String signed(String header, String claims, SigningKey key) {
        return signed(header, claims, key.signer(), key.algorithm().jwsName());
    }

    static String header(SigningKey key) {
        return "{\"alg\":\"" + key.algorithm().jwsName() + "\",\"kid\":\"" + key.kid() + "\"}";
    }

    String claims(String iss, String sub, String audJson, long exp, String jti) {
        return "{\"iss\":\"" + iss + "\",\"sub\":\"" + sub + "\",\"aud\":" + audJson + ",\"exp\":" + exp
                + ",\"iat\":" + now + (jti == null ? "" : ",\"jti\":\"" + jti + "\"") + "}";
    }

    String claims() {
        return claims("batch", "batch", "\"" + TOKEN_URL + "\"", now + 60, UUID.randomUUID().toString());
    }

    Client authenticate(String assertion) {
        return auth.authenticate(ClientCredential.assertion(null, ClientCredential.JWT_BEARER, assertion), "10.0.0.1");
    }

    void refused(String assertion, String problem) {
        assertThatThrownBy(() -> authenticate(assertion)).isInstanceOfSatisfying(InvalidCredentialsException.class, e -> {
            assertThat(e.error()).isEqualTo(OAuthError.INVALID_CLIENT);
            assertThat(e.description()).contains(problem);
            if (assertion.length() > 20) {
                assertThat(e.description()).doesNotContain(assertion.substring(assertion.length() - 20));
            }
        });
    }

    // ---- what passes

    @Test
    void anAssertionSignedWithARegisteredKeyAuthenticatesItsClient() {
        assertThat(authenticate(signed(header(rsa), claims(), rsa)).clientId()).isEqualTo("batch");
        assertThat(authenticate(signed(header(ec), claims(), ec)).clientId()).isEqualTo("batch");
        assertThat(authenticate(signed(header(ed), claims(), ed)).clientId()).isEqualTo("batch");
    }

    @Test
    void withoutKidTheOnlyKeyOfTheAlgorithmIsUsed() {
        assertThat(authenticate(signed("{\"alg\":\"ES256\",\"typ\":\"JWT\"}", claims(), ec)).clientId()).isEqualTo("batch");
    }

    @Test
    void anRsaKeyRegisteredWithoutAlgVerifiesRs256AndPs256() throws JOSEException {
        RSASSASigner signer = new RSASSASigner(rsaWithoutAlg);
        for (String alg : List.of("RS256", "PS256")) {
            String c = claims("pss", "pss", "\"" + ISS + "\"", now + 60, UUID.randomUUID().toString());
            assertThat(authenticate(signed("{\"alg\":\"" + alg + "\",\"kid\":\"no-alg\"}", c, signer, alg)).clientId())
                    .isEqualTo("pss");
        }
    }

    @Test
    void audMayBeTheIssuerOrAConfiguredEndpointAndMayBeAnArray() {
        String id = UUID.randomUUID().toString();
        assertThat(authenticate(signed(header(rsa), claims("batch", "batch", "\"" + ISS + "\"", now + 60, id), rsa)))
                .isNotNull();
        String array = "[\"https://elsewhere.example\",\"" + TOKEN_URL + "\"]";
        assertThat(authenticate(signed(header(rsa), claims("batch", "batch", array, now + 60, "j2"), rsa))).isNotNull();
    }

    @Test
    void theClientIdParameterMayNameTheSameClient() {
        String a = signed(header(rsa), claims(), rsa);
        assertThat(auth.authenticate(ClientCredential.assertion("batch", ClientCredential.JWT_BEARER, a), null).clientId())
                .isEqualTo("batch");
    }

    // ---- the attacks

    @Test
    void aReplayedAssertionIsRefused() {
        String a = signed(header(rsa), claims(), rsa);
        authenticate(a);

        refused(a, "replay");
        assertThat(failures).last().extracting(AuthEvent.LoginFailed::reason)
                .isEqualTo(AuthEvent.FailureReason.WRONG_CREDENTIALS);
    }

    @Test
    void aReplayIsRefusedEvenOnASecondAuthenticatorSharingTheStore() {
        String a = signed(header(rsa), claims(), rsa);
        authenticate(a);
        ClientAuthenticator otherNode = authenticator(PrivateKeyJwt.builder(replays).audiences(List.of(TOKEN_URL)).build());

        assertThatThrownBy(() -> otherNode.authenticate(
                ClientCredential.assertion(null, ClientCredential.JWT_BEARER, a), null))
                .isInstanceOf(InvalidCredentialsException.class).hasMessageContaining("replay");
    }

    @Test
    void aWrongAudienceIsRefused() {
        refused(signed(header(rsa), claims("batch", "batch", "\"https://other-server.example\"", now + 60, "j"), rsa),
                "aud names neither");
        refused(signed(header(rsa), "{\"iss\":\"batch\",\"sub\":\"batch\",\"exp\":" + (now + 60) + ",\"jti\":\"j\"}", rsa),
                "no 'aud'");
    }

    @Test
    void anExpiredAssertionIsRefusedBeyondTheClockSkew() {
        String a = signed(header(rsa), claims("batch", "batch", "\"" + ISS + "\"", now - 61, "j"), rsa);
        refused(a, "expired");
        String withinSkew = signed(header(rsa), claims("batch", "batch", "\"" + ISS + "\"", now - 59, "j2"), rsa);
        assertThat(authenticate(withinSkew)).isNotNull();
    }

    @Test
    void anExpMoreThanFiveMinutesAheadIsRefused() {
        refused(signed(header(rsa), claims("batch", "batch", "\"" + ISS + "\"", now + 3600, "j"), rsa),
                "more than 5 minutes ahead");
        assertThat(authenticate(signed(header(rsa), claims("batch", "batch", "\"" + ISS + "\"", now + 300, "j2"), rsa)))
                .isNotNull();
    }

    @Test
    void aMissingExpOrJtiIsRefused() {
        refused(signed(header(rsa), claims("batch", "batch", "\"" + ISS + "\"", now + 60, null), rsa), "'jti'");
        refused(signed(header(rsa), "{\"iss\":\"batch\",\"sub\":\"batch\",\"aud\":\"" + ISS + "\",\"jti\":\"j\"}", rsa),
                "'exp'");
    }

    @Test
    void aFutureNbfOrIatIsRefused() {
        String nbf = "{\"iss\":\"batch\",\"sub\":\"batch\",\"aud\":\"" + ISS + "\",\"exp\":" + (now + 240) + ",\"nbf\":"
                + (now + 120) + ",\"jti\":\"j\"}";
        refused(signed(header(rsa), nbf, rsa), "nbf");
        String iat = "{\"iss\":\"batch\",\"sub\":\"batch\",\"aud\":\"" + ISS + "\",\"exp\":" + (now + 240) + ",\"iat\":"
                + (now + 120) + ",\"jti\":\"j\"}";
        refused(signed(header(rsa), iat, rsa), "future");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE"})
    void algNoneIsRefused(String alg) {
        String a = b64("{\"alg\":\"" + alg + "\",\"kid\":\"" + rsa.kid() + "\"}") + "." + b64(claims()) + ".";
        refused(a, "'none'");
    }

    @Test
    void hs256SignedWithTheClientsPublicKeyBytesIsRefused() throws JOSEException {
        byte[] publicKeyBytes = rsa.publicJwk().orElseThrow().toString().getBytes(StandardCharsets.UTF_8);
        String a = signed("{\"alg\":\"HS256\",\"kid\":\"" + rsa.kid() + "\"}", claims(), new MACSigner(publicKeyBytes),
                "HS256");
        refused(a, "alg is not accepted here");
    }

    @Test
    void anAlgOtherThanTheKeysIsRefused() {
        // the header names the RSA key but claims ES256 (and is signed with the EC key)
        refused(signed("{\"alg\":\"ES256\",\"kid\":\"" + rsa.kid() + "\"}", claims(), ec.signer(), "ES256"),
                "verifies only RS256");
    }

    @Test
    void anAssertionSignedWithAnotherClientsKeyIsRefused() {
        refused(signed(header(otherClientKey), claims(), otherClientKey), "kid names none of the client's");
        refused(signed("{\"alg\":\"RS256\",\"kid\":\"" + rsa.kid() + "\"}", claims(), otherClientKey),
                "signature does not verify");
    }

    @Test
    void anEmbeddedJwkHeaderIsNeverTrusted() throws JOSEException {
        RSAKey attacker = new RSAKeyGenerator(2048).keyID(rsa.kid()).generate();
        String h = "{\"alg\":\"RS256\",\"kid\":\"" + rsa.kid() + "\",\"jwk\":" + attacker.toPublicJWK().toJSONString() + "}";
        refused(signed(h, claims(), new RSASSASigner(attacker), "RS256"), "'jwk'");
        for (String member : List.of("jku", "x5u", "x5c")) {
            String value = member.equals("x5c") ? "[\"MIIB\"]" : "\"https://attacker.example/keys\"";
            refused(signed("{\"alg\":\"RS256\",\"kid\":\"" + rsa.kid() + "\",\"" + member + "\":" + value + "}", claims(),
                    rsa), "'" + member + "'");
        }
    }

    @Test
    void aWrongIssOrSubIsRefused() {
        refused(signed(header(rsa), claims("someone-else", "batch", "\"" + ISS + "\"", now + 60, "j"), rsa),
                "iss and sub must both be the client id");
        // sub names another private_key_jwt client whose key did not sign it
        refused(signed(header(rsa), claims("other", "other", "\"" + ISS + "\"", now + 60, "j"), rsa),
                "kid names none of the client's");
        refused(signed(header(rsa), claims("nobody", "nobody", "\"" + ISS + "\"", now + 60, "j"), rsa),
                "not a client registered for private_key_jwt");
    }

    @Test
    void aClientIdParameterNamingAnotherClientIsRefused() {
        String a = signed(header(rsa), claims(), rsa);
        assertThatThrownBy(() -> auth.authenticate(ClientCredential.assertion("other", ClientCredential.JWT_BEARER, a), null))
                .isInstanceOf(InvalidCredentialsException.class).hasMessageContaining("client_id differs");
    }

    @Test
    void aPrivateKeyJwtClientCannotUseASecret() {
        assertThatThrownBy(() -> auth.authenticate(ClientCredential.basic("batch", secret), null))
                .isInstanceOfSatisfying(InvalidCredentialsException.class, e -> assertThat(e.description())
                        .contains("does not authenticate with client_secret_basic"));
        assertThatThrownBy(() -> auth.authenticate(ClientCredential.post("batch", secret), null))
                .isInstanceOf(InvalidCredentialsException.class).hasMessageContaining("client_secret_post");
        assertThat(failures).last().extracting(AuthEvent.LoginFailed::reason)
                .isEqualTo(AuthEvent.FailureReason.WRONG_METHOD);
    }

    @Test
    void aClientWithASecretCannotUseAnAssertion() {
        SigningKey its = SigningKey.generate(SigningAlgorithm.RS256);
        refused(signed(header(its), claims("secretive", "secretive", "\"" + ISS + "\"", now + 60, "j"), its),
                "not a client registered for private_key_jwt");
        assertThat(auth.authenticate(ClientCredential.basic("secretive", secret), null).clientId()).isEqualTo("secretive");
    }

    @Test
    void malformedAssertionsAreRefusedAsMalformed() {
        refused("not-a-jwt", "not a signed JWT");
        refused("a.b.c.d.e", "not a signed JWT");
        refused("x".repeat(9000), "over 8192 characters");
        assertThat(failures).last().extracting(AuthEvent.LoginFailed::reason).isEqualTo(AuthEvent.FailureReason.MALFORMED);
    }

    @Test
    void aTypOfAnotherKindOfJwtIsRefused() {
        refused(signed("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + rsa.kid() + "\"}", claims(), rsa),
                "not a client assertion");
    }

    // ---- jwks_uri

    @Test
    void keysAreFetchedFromTheClientsJwksUriAndAKidIsRequired() throws IOException {
        String url = serveJwks(rsa);
        clients.create(Client.builder("remote").grants(Set.of("client_credentials")).tokenEndpointAuthMethod("private_key_jwt")
                .jwksUri(url).build());

        String c = claims("remote", "remote", "\"" + ISS + "\"", now + 60, "j");
        assertThat(authenticate(signed(header(rsa), c, rsa)).clientId()).isEqualTo("remote");
        refused(signed("{\"alg\":\"RS256\"}", claims("remote", "remote", "\"" + ISS + "\"", now + 60, "j2"), rsa),
                "a client with a jwks_uri names its key");
        refused(signed(header(otherClientKey), claims("remote", "remote", "\"" + ISS + "\"", now + 60, "j3"),
                otherClientKey), "no key at the client's jwks_uri");
    }

    String serveJwks(SigningKey key) throws IOException {
        jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = ("{\"keys\":[" + com.nimbusds.jose.util.JSONObjectUtils.toJSONString(key.publicJwk().orElseThrow())
                + "]}").getBytes(StandardCharsets.UTF_8);
        jwksServer.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwksServer.start();
        return "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks";
    }

    // ---- registration

    @Test
    void registrationRefusesPrivateSymmetricOrMissingKeys() throws JOSEException {
        RSAKey full = new RSAKeyGenerator(2048).generate();
        assertThatThrownBy(() -> Client.builder("x").tokenEndpointAuthMethod("private_key_jwt")
                .jwks(Map.of("keys", List.of(full.toJSONObject()))).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("private parameters");
        assertThatThrownBy(() -> Client.builder("x").tokenEndpointAuthMethod("private_key_jwt")
                .jwks(Map.of("keys", List.of(Map.of("kty", "oct", "k", "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI")))).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symmetric");
        assertThatThrownBy(() -> Client.builder("x").tokenEndpointAuthMethod("private_key_jwt").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give jwks or jwksUri");
        assertThatThrownBy(() -> Client.builder("x").tokenEndpointAuthMethod("private_key_jwt")
                .jwks(Map.of("keys", List.of(rsa.publicJwk().orElseThrow()))).jwksUri("https://x.example/jwks").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
        assertThatThrownBy(() -> Client.builder("x").tokenEndpointAuthMethod("private_key_jwt")
                .jwksUri("http://keys.example/jwks").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http");
        assertThatThrownBy(() -> Client.builder("x").tokenEndpointAuthMethod("private_key_jwt")
                .secrets(List.of(new ClientSecret("s1", ClientSecrets.digest(secret), clock.instant())))
                .jwksUri("https://keys.example/jwks").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot hold secrets");
    }

    @Test
    void aRegisteredJwkSetSurvivesToBuilder() {
        Client batch = clients.findById("batch").orElseThrow();
        assertThat(batch.toBuilder().build()).isEqualTo(batch);
        assertThat((List<?>) batch.jwks().orElseThrow().get("keys")).hasSize(3);
    }

    @Test
    void theMaxLifetimeIsConfigurableWithinBounds() {
        assertThatThrownBy(() -> PrivateKeyJwt.builder(replays).maxLifetime(Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrivateKeyJwt.builder(replays).maxLifetime(Duration.ofMinutes(1))
                .maxLifetime(Duration.ofMinutes(2))).isInstanceOf(IllegalStateException.class);
    }
}
