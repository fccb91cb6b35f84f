package dev.lanyard.auth.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import dev.lanyard.auth.IntrospectionPolicy;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.InMemoryReplayStore;
import dev.lanyard.auth.client.PrivateKeyJwt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * private_key_jwt over real HTTP: Nimbus oauth2-oidc-sdk's {@link PrivateKeyJWT} is the client at the
 * token, revocation and introspection endpoints, and each attack is a hand-built assertion answered
 * 401 invalid_client with a description that names the problem and never echoes the assertion.
 */
class PrivateKeyJwtEndpointsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = Fixture.ISSUER + "/oauth2/token";
    static final String REVOKE = Fixture.ISSUER + "/oauth2/revoke";
    static final String INTROSPECT = Fixture.ISSUER + "/oauth2/introspect";
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    static RSAKey batchKey;
    static RSAKey otherKey;

    final Clock clock = Clock.systemUTC();
    final Fixture fixture = new Fixture();
    final TokenService tokens;
    final TestServer server;

    @BeforeAll
    static void keys() throws JOSEException {
        batchKey = new RSAKeyGenerator(2048).keyID("batch-1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("other-1").generate();
    }

    PrivateKeyJwtEndpointsTest() {
        fixture.clients.create(keyed("batch", batchKey, Set.of("orders:read", IntrospectionPolicy.PERMISSION)));
        fixture.clients.create(keyed("other", otherKey, Set.of("orders:read")));
        tokens = fixture.service(clock)
                .clientAuthentication(PrivateKeyJwt.builder(new InMemoryReplayStore(clock))
                        .audiences(List.of(TOKEN, REVOKE, INTROSPECT)).build())
                .build();
        server = TestServer.start(ctx -> LanyardEndpoints.builder(tokens).build().register(ctx));
    }

    static Client keyed(String id, RSAKey key, Set<String> scopes) {
        return Client.builder(id).grants(Set.of("client_credentials")).scopes(scopes)
                .tokenEndpointAuthMethod("private_key_jwt")
                .jwks(Map.of("keys", List.of(key.toPublicJWK().toJSONObject()))).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ---- Nimbus's client

    ClientAuthentication nimbus(String audience) throws JOSEException {
        return new PrivateKeyJWT(new ClientID("batch"), URI.create(audience), JWSAlgorithm.RS256,
                (PrivateKey) batchKey.toRSAPrivateKey(), batchKey.getKeyID(), null);
    }

    AccessToken clientCredentials() throws Exception {
        TokenRequest request = new TokenRequest(server.uri("/oauth2/token"), nimbus(TOKEN), new ClientCredentialsGrant(),
                new Scope("orders:read"));
        TokenResponse response = TokenResponse.parse(request.toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as(() -> response.toErrorResponse().getErrorObject().toString()).isTrue();
        return response.toSuccessResponse().getTokens().getAccessToken();
    }

    @Test
    void nimbusPrivateKeyJwtGetsATokenWithClientCredentials() throws Exception {
        AccessToken access = clientCredentials();

        assertThat(access.getScope()).isEqualTo(new Scope("orders:read"));
        assertThat(tokens.verify(access.getValue()).clientId()).isEqualTo("batch");
    }

    @Test
    void nimbusPrivateKeyJwtIntrospectsAndRevokes() throws Exception {
        AccessToken access = clientCredentials();

        TokenIntrospectionResponse before = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                server.uri("/oauth2/introspect"), nimbus(INTROSPECT), access).toHTTPRequest().send());
        assertThat(before.indicatesSuccess()).isTrue();
        assertThat(before.toSuccessResponse().isActive()).isTrue();
        assertThat(before.toSuccessResponse().getClientID()).isEqualTo(new ClientID("batch"));

        HTTPResponse revoked = new TokenRevocationRequest(server.uri("/oauth2/revoke"), nimbus(REVOKE), access)
                .toHTTPRequest().send();
        assertThat(revoked.getStatusCode()).as(revoked.getBody()).isEqualTo(200);

        TokenIntrospectionResponse after = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                server.uri("/oauth2/introspect"), nimbus(INTROSPECT), access).toHTTPRequest().send());
        assertThat(after.toSuccessResponse().isActive()).isFalse();
    }

    @Test
    void theIssuerIsAnAcceptedAudienceToo() throws Exception {
        TokenRequest request = new TokenRequest(server.uri("/oauth2/token"), nimbus(Fixture.ISSUER),
                new ClientCredentialsGrant(), null);
        assertThat(TokenResponse.parse(request.toHTTPRequest().send()).indicatesSuccess()).isTrue();
    }

    @Test
    void theMetadataListsPrivateKeyJwt() throws IOException {
        JsonNode meta = JSON.readTree(server.get("/.well-known/oauth-authorization-server").body());
        assertThat(meta.path("token_endpoint_auth_methods_supported").toString()).contains("private_key_jwt");
    }

    // ---- the attacks, each 401 invalid_client naming the problem

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String signed(String header, String claims, JWSSigner signer, String alg) throws JOSEException {
        String input = b64(header) + "." + b64(claims);
        return input + "." + signer.sign(new JWSHeader(JWSAlgorithm.parse(alg)), input.getBytes(StandardCharsets.US_ASCII));
    }

    String claims(String iss, String sub, String aud, long expIn, String jti) {
        long now = clock.instant().getEpochSecond();
        return "{\"iss\":\"" + iss + "\",\"sub\":\"" + sub + "\",\"aud\":\"" + aud + "\",\"exp\":" + (now + expIn)
                + ",\"iat\":" + now + (jti == null ? "" : ",\"jti\":\"" + jti + "\"") + "}";
    }

    String claims() {
        return claims("batch", "batch", TOKEN, 60, UUID.randomUUID().toString());
    }

    String rs256(String claims) throws JOSEException {
        return signed("{\"alg\":\"RS256\",\"kid\":\"batch-1\"}", claims, new RSASSASigner(batchKey), "RS256");
    }

    HttpResponse<String> withAssertion(String path, String assertion, String extra) {
        return server.postForm(path, extra + "&client_assertion_type=" + URLEncoder.encode(JWT_BEARER, StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion);
    }

    HttpResponse<String> token(String assertion) {
        return withAssertion("/oauth2/token", assertion, "grant_type=client_credentials");
    }

    static void refused(HttpResponse<String> r, String assertion, String problem) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("error").asText()).isEqualTo("invalid_client");
        assertThat(body.path("error_description").asText()).contains(problem);
        assertThat(r.body()).doesNotContain(assertion.substring(Math.max(0, assertion.length() - 24)))
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aReplayedAssertionIsRefused() throws Exception {
        String a = rs256(claims());
        assertThat(token(a).statusCode()).isEqualTo(200);

        refused(token(a), a, "replay");
    }

    @Test
    void aWrongAudienceIsRefused() throws Exception {
        String a = rs256(claims("batch", "batch", "https://other-server.example/token", 60, "j1"));
        refused(token(a), a, "aud names neither");
    }

    @Test
    void anExpiredAssertionIsRefused() throws Exception {
        String a = rs256(claims("batch", "batch", TOKEN, -120, "j1"));
        refused(token(a), a, "expired");
    }

    @Test
    void anExpTooFarAheadIsRefused() throws Exception {
        String a = rs256(claims("batch", "batch", TOKEN, 3600, "j1"));
        refused(token(a), a, "more than 5 minutes ahead");
    }

    @Test
    void aMissingJtiIsRefused() throws Exception {
        String a = rs256(claims("batch", "batch", TOKEN, 60, null));
        refused(token(a), a, "'jti'");
    }

    @Test
    void algNoneIsRefused() throws Exception {
        String a = b64("{\"alg\":\"none\",\"kid\":\"batch-1\"}") + "." + b64(claims()) + ".";
        refused(token(a), a + "x", "'none'");
    }

    @Test
    void hs256SignedWithTheClientsPublicKeyIsRefused() throws Exception {
        byte[] publicBytes = batchKey.toRSAPublicKey().getEncoded();
        String a = signed("{\"alg\":\"HS256\",\"kid\":\"batch-1\"}", claims(), new MACSigner(publicBytes), "HS256");
        refused(token(a), a, "alg is not accepted here");
    }

    @Test
    void aKeyOfAnotherClientIsRefused() throws Exception {
        String a = signed("{\"alg\":\"RS256\",\"kid\":\"other-1\"}", claims(), new RSASSASigner(otherKey), "RS256");
        refused(token(a), a, "kid names none of the client's registered keys");
        String samekid = signed("{\"alg\":\"RS256\",\"kid\":\"batch-1\"}", claims(), new RSASSASigner(otherKey), "RS256");
        refused(token(samekid), samekid, "signature does not verify");
    }

    @Test
    void anEmbeddedJwkHeaderIsNeverTrusted() throws Exception {
        RSAKey attacker = new RSAKeyGenerator(2048).keyID("batch-1").generate();
        String a = signed("{\"alg\":\"RS256\",\"kid\":\"batch-1\",\"jwk\":" + attacker.toPublicJWK().toJSONString() + "}",
                claims(), new RSASSASigner(attacker), "RS256");
        refused(token(a), a, "'jwk'");
    }

    @Test
    void aWrongIssOrSubIsRefused() throws Exception {
        String wrongIss = rs256(claims("other", "batch", TOKEN, 60, "j1"));
        refused(token(wrongIss), wrongIss, "iss and sub must both be the client id");
        String otherSub = rs256(claims("other", "other", TOKEN, 60, "j2"));
        refused(token(otherSub), otherSub, "kid names none of the client's registered keys");
    }

    @Test
    void aSecretPresentedByAPrivateKeyJwtClientIsRefused() throws IOException {
        HttpResponse<String> basic = server.postForm("/oauth2/token", "grant_type=client_credentials",
                "Authorization", TestServer.basic("batch", Fixture.SECRET));
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(basic.body()).path("error_description").asText())
                .contains("does not authenticate with client_secret_basic");
        HttpResponse<String> post = server.postForm("/oauth2/token", "grant_type=client_credentials&client_id=batch"
                + "&client_secret=" + URLEncoder.encode(Fixture.SECRET, StandardCharsets.UTF_8));
        refused(post, Fixture.SECRET, "does not authenticate with client_secret_post");
    }

    @Test
    void aClientWithASecretCannotUseAnAssertion() throws Exception {
        String a = rs256(claims("machine", "machine", TOKEN, 60, "j1"));
        refused(token(a), a, "not a client registered for private_key_jwt");
    }

    @Test
    void theRevocationAndIntrospectionEndpointsRefuseAnAssertionTheSameWay() throws Exception {
        String access = clientCredentials().getValue();
        String expired = rs256(claims("batch", "batch", INTROSPECT, -120, "j1"));
        refused(withAssertion("/oauth2/introspect", expired, "token=" + access), expired, "expired");
        String wrongAud = rs256(claims("batch", "batch", "https://other-server.example", 60, "j2"));
        refused(withAssertion("/oauth2/revoke", wrongAud, "token=" + access), wrongAud, "aud names neither");
        assertThat(tokens.verify(access).clientId()).as("not revoked").isEqualTo("batch");
    }

    @Test
    void aMalformedAssertionIsRefusedWithoutAStackTrace() throws IOException {
        refused(token("not.a-jwt"), "not.a-jwt-and-more-text", "not a signed JWT");
    }

}
