package dev.lanyard.auth.token;

import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import dev.lanyard.auth.key.KeyRing;
import dev.lanyard.auth.key.SigningAlgorithm;
import dev.lanyard.auth.key.SigningKey;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.lanyard.auth.token.Forge.b64;
import static dev.lanyard.auth.token.Forge.header;
import static dev.lanyard.auth.token.Forge.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One test per attack on the verifier. Each token is built by hand, the way an attacker would, and
 * each test names the failure the verifier must report.
 */
class AccessTokenAttackTest {

    static final String ISS = "https://auth.example";
    static final String AUD = "https://api.example";
    /** The order of the P-256 group: a valid-looking but forbidden value for r or s. */
    static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    static SigningKey rsa;
    static SigningKey ec;
    static KeyRing ring;

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final long now = clock.instant().getEpochSecond();
    final AccessTokenVerifier verifier = AccessTokenVerifier.builder()
            .issuer(ISS).audience(AUD).keys(ring).clock(clock).build();

    @BeforeAll
    static void keys() {
        rsa = SigningKey.generate(SigningAlgorithm.RS256);
        ec = SigningKey.generate(SigningAlgorithm.ES256);
        ring = KeyRing.of(rsa, null, java.util.Map.of(ec, java.time.Instant.MAX));
    }

    String claims() {
        return claims(ISS, "\"" + AUD + "\"", now + 900, now);
    }

    String claims(String iss, String audJson, long exp, long iat) {
        return "{\"iss\":\"" + iss + "\",\"sub\":\"alice\",\"aud\":" + audJson + ",\"exp\":" + exp + ",\"iat\":" + iat
                + ",\"jti\":\"j1\",\"client_id\":\"web-app\"}";
    }

    @Test
    void aHandBuiltValidTokenIsAcceptedSoTheRefusalsBelowAreMeaningful() {
        assertThat(verifier.verify(signed(header(rsa), claims(), rsa)).subject()).isEqualTo("alice");
        assertThat(verifier.verify(signed(header(ec), claims(), ec)).subject()).isEqualTo("alice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void algNoneInAnySpellingIsRefused(String alg) {
        String token = Forge.unsigned("{\"alg\":\"" + alg + "\",\"typ\":\"at+jwt\",\"kid\":\"" + rsa.kid() + "\"}",
                claims());

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(UnsupportedTokenException.class)
                .hasMessageContaining("none");
    }

    @Test
    void algNoneWithASignatureAppendedIsRefused() {
        String token = Forge.unsigned("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + rsa.kid() + "\"}", claims())
                + "c2ln";

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(UnsupportedTokenException.class);
    }

    @Test
    void hs256SignedWithTheRsaPublicKeyIsRefused() throws Exception {
        byte[] der = ((RSAKey) com.nimbusds.jose.jwk.JWK.parse(rsa.publicJwk().orElseThrow())).toPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        String h = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + rsa.kid() + "\"}";

        for (byte[] secret : new byte[][] {der, pem.getBytes(StandardCharsets.US_ASCII)}) {
            String token = signed(h, claims(), new MACSigner(secret), "HS256");
            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(UnsupportedTokenException.class)
                    .hasMessageContaining("verifies only RS256");
        }
    }

    @Test
    void embeddedJwkSignedByTheAttackersKeyIsRefused() throws Exception {
        RSAKey attacker = new RSAKeyGenerator(2048).keyID(rsa.kid()).generate();
        String h = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + rsa.kid() + "\",\"jwk\":"
                + attacker.toPublicJWK().toJSONString() + "}";
        String token = signed(h, claims(), new RSASSASigner(attacker), "RS256");

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(UnsupportedTokenException.class)
                .hasMessageContaining("'jwk'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jku", "x5u"})
    void remoteKeyUrlsAreRefusedAndNeverFetched(String member) throws IOException {
        AtomicInteger fetches = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            fetches.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/keys";
            String h = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + rsa.kid() + "\",\"" + member + "\":\"" + url + "\"}";
            String token = signed(h, claims(), rsa);

            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(UnsupportedTokenException.class)
                    .hasMessageContaining("'" + member + "'");
            assertThat(fetches).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void x5cCertificateChainIsRefused() {
        String h = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + rsa.kid() + "\",\"x5c\":[\"MIIB\"]}";

        assertThatThrownBy(() -> verifier.verify(signed(h, claims(), rsa))).isInstanceOf(UnsupportedTokenException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../../../dev/null", "../keys.jwks.json", "' OR '1'='1", "x\"; DROP TABLE keys; --",
            "", "*"})
    void kidWithPathTraversalOrSqlFragmentsIsUnknownAndNotEchoed(String kid) {
        String h = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + kid.replace("\"", "\\\"") + "\"}";
        String token = signed(h, claims(), rsa);

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(UnknownKeyException.class)
                .satisfies(e -> {
                    if (kid.length() > 1) {
                        assertThat(e.getMessage()).doesNotContain(kid);
                    }
                });
    }

    @Test
    void missingKidIsRefusedWithoutTryingEveryKey() {
        String token = signed("{\"alg\":\"RS256\",\"typ\":\"at+jwt\"}", claims(), rsa);

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(UnknownKeyException.class)
                .hasMessageContaining("no 'kid'");
    }

    @Test
    void tokenSignedByAnotherKeyUnderAKnownKidIsRefused() {
        SigningKey impostor = SigningKey.generate(SigningAlgorithm.RS256);
        String token = signed(header(rsa), claims(), impostor.signer(), "RS256");

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void ecdsaSignatureOfAllZerosIsRefused() {
        assertEcdsaSignatureRefused(BigInteger.ZERO, BigInteger.ZERO);
    }

    @Test
    void ecdsaSignatureWithRZeroIsRefused() {
        assertEcdsaSignatureRefused(BigInteger.ZERO, BigInteger.ONE);
    }

    @Test
    void ecdsaSignatureWithSZeroIsRefused() {
        assertEcdsaSignatureRefused(BigInteger.ONE, BigInteger.ZERO);
    }

    @Test
    void ecdsaSignatureWithRAndSEqualToTheGroupOrderIsRefused() {
        // CVE-2022-21449 ("psychic signatures"): r = s = n passed Java 15-18's verifier for any message.
        assertEcdsaSignatureRefused(P256_ORDER, P256_ORDER);
        assertEcdsaSignatureRefused(P256_ORDER, BigInteger.ONE);
        assertEcdsaSignatureRefused(BigInteger.ONE, P256_ORDER);
    }

    private void assertEcdsaSignatureRefused(BigInteger r, BigInteger s) {
        byte[] sig = new byte[64];
        copy32(r, sig, 0);
        copy32(s, sig, 32);
        String token = b64(header(ec)) + "." + b64(claims()) + "." + b64(sig);

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidSignatureException.class);
    }

    private static void copy32(BigInteger value, byte[] out, int offset) {
        byte[] raw = value.toByteArray();
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, out, offset + 32 - len, len);
    }

    @Test
    void unknownCritExtensionIsRefused() {
        String h = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + rsa.kid()
                + "\",\"crit\":[\"http://attacker/ext\"],\"http://attacker/ext\":true}";

        assertThatThrownBy(() -> verifier.verify(signed(h, claims(), rsa))).isInstanceOf(UnsupportedTokenException.class)
                .hasMessageContaining("crit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "jwt", "application/jwt", "at+jwt+x", "id_token+jwt"})
    void typOtherThanAtJwtIsRefused(String typ) {
        String h = "{\"alg\":\"RS256\",\"typ\":\"" + typ + "\",\"kid\":\"" + rsa.kid() + "\"}";

        assertThatThrownBy(() -> verifier.verify(signed(h, claims(), rsa))).isInstanceOf(UnsupportedTokenException.class)
                .hasMessageContaining("at+jwt");
    }

    @Test
    void missingTypIsRefused() {
        String h = "{\"alg\":\"RS256\",\"kid\":\"" + rsa.kid() + "\"}";

        assertThatThrownBy(() -> verifier.verify(signed(h, claims(), rsa))).isInstanceOf(UnsupportedTokenException.class);
    }

    @Test
    void typApplicationAtJwtIsAcceptedInAnyCase() {
        String h = "{\"alg\":\"RS256\",\"typ\":\"Application/AT+JWT\",\"kid\":\"" + rsa.kid() + "\"}";

        assertThat(verifier.verify(signed(h, claims(), rsa)).subject()).isEqualTo("alice");
    }

    @Test
    void idTokenSignedBySameKeyIsNotAnAccessToken() {
        // An OpenID id_token from the same issuer: typ JWT, aud = the client, nonce, no client_id.
        String h = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + rsa.kid() + "\"}";
        String idToken = "{\"iss\":\"" + ISS + "\",\"sub\":\"alice\",\"aud\":\"web-app\",\"exp\":" + (now + 300)
                + ",\"iat\":" + now + ",\"auth_time\":" + now + ",\"nonce\":\"n\"}";
        assertThatThrownBy(() -> verifier.verify(signed(h, idToken, rsa))).isInstanceOf(UnsupportedTokenException.class);

        // Even relabelled as at+jwt, its audience is the client, not this API.
        String relabelled = signed(header(rsa), idToken, rsa);
        assertThatThrownBy(() -> verifier.verify(relabelled)).isInstanceOf(InvalidClaimException.class);
    }

    @Test
    void wrongIssuerIsRefused() {
        String token = signed(header(rsa), claims("https://auth.example.evil", "\"" + AUD + "\"", now + 900, now), rsa);

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidClaimException.class)
                .hasMessageContaining("iss");
    }

    @Test
    void issuerIsComparedExactlyNotByPrefixOrCase() {
        for (String iss : new String[] {"https://auth.example/", "HTTPS://AUTH.EXAMPLE", "https://auth.exampl"}) {
            String token = signed(header(rsa), claims(iss, "\"" + AUD + "\"", now + 900, now), rsa);
            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidClaimException.class);
        }
    }

    @Test
    void wrongAudienceIsRefused() {
        for (String aud : new String[] {"\"https://other.example\"", "[\"https://other.example\"]", "\"https://api.example/\"",
                "[]"}) {
            String token = signed(header(rsa), claims(ISS, aud, now + 900, now), rsa);
            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidClaimException.class)
                    .hasMessageContaining("aud");
        }
    }

    @Test
    void missingAudienceIsRefused() {
        String payload = "{\"iss\":\"" + ISS + "\",\"sub\":\"alice\",\"exp\":" + (now + 900) + ",\"iat\":" + now
                + ",\"jti\":\"j1\",\"client_id\":\"web-app\"}";

        assertThatThrownBy(() -> verifier.verify(signed(header(rsa), payload, rsa)))
                .isInstanceOf(InvalidClaimException.class).hasMessageContaining("no 'aud'");
    }

    @Test
    void expiredBeyondTheSkewBySecondIsRefused() {
        String token = signed(header(rsa), claims(ISS, "\"" + AUD + "\"", now - 61, now - 900), rsa);

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(ExpiredTokenException.class);
    }

    @Test
    void expiredWithinTheSkewIsAccepted() {
        String token = signed(header(rsa), claims(ISS, "\"" + AUD + "\"", now - 59, now - 900), rsa);

        assertThat(verifier.verify(token).subject()).isEqualTo("alice");
    }

    @Test
    void notBeforeInTheFutureIsRefused() {
        String payload = claims().replace("\"jti\"", "\"nbf\":" + (now + 61) + ",\"jti\"");

        assertThatThrownBy(() -> verifier.verify(signed(header(rsa), payload, rsa)))
                .isInstanceOf(PrematureTokenException.class).hasMessageContaining("nbf");
    }

    @Test
    void issuedInTheFutureIsRefused() {
        String token = signed(header(rsa), claims(ISS, "\"" + AUD + "\"", now + 900, now + 61), rsa);

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(PrematureTokenException.class)
                .hasMessageContaining("iat");
    }

    @Test
    void oversizedTokenIsRefusedBeforeParsing() {
        String padding = "x".repeat(8192);
        String token = signed(header(rsa), claims().replace("}", ",\"pad\":\"" + padding + "\"}"), rsa);

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(MalformedTokenException.class)
                .hasMessageContaining("the limit is 8192");
        // Not even a token-shaped string is looked at.
        assertThatThrownBy(() -> verifier.verify("a".repeat(8193))).isInstanceOf(MalformedTokenException.class)
                .hasMessageContaining("the limit is 8192");
    }

    @Test
    void deeplyNestedJsonIsRefusedWithoutStackOverflow() {
        int depth = 2500; // stays under the size limit
        String nested = "[".repeat(depth) + "]".repeat(depth);
        String payload = claims().replace("}", ",\"deep\":" + nested + "}");
        String token = signed(header(rsa), payload, rsa);
        assertThat(token.length()).isLessThan(8192);

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(MalformedTokenException.class);
    }

    @Test
    void deeplyNestedHeaderIsRefusedBeforeTheSignatureIsChecked() {
        int depth = 2500;
        String h = header(rsa).replace("}", ",\"x\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}");
        String token = b64(h) + "." + b64(claims()) + ".AAAA";

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(MalformedTokenException.class);
    }

    @Test
    void duplicateClaimNamesAreRefused() {
        // RFC 7519 section 4: parsers MUST either reject duplicates or take the last. Taking one silently
        // lets two parsers of the same token disagree on who it is for, so Lanyard refuses.
        String payload = claims().replace("\"sub\":\"alice\"", "\"sub\":\"alice\",\"sub\":\"admin\"");

        assertThatThrownBy(() -> verifier.verify(signed(header(rsa), payload, rsa)))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("payload");
    }

    @Test
    void duplicateHeaderNamesAreRefused() {
        String h = "{\"alg\":\"none\",\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + rsa.kid() + "\"}";

        assertThatThrownBy(() -> verifier.verify(signed(h, claims(), rsa)))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("header");
    }

    @Test
    void tamperedPayloadIsRefused() {
        String token = signed(header(rsa), claims(), rsa);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + b64(claims().replace("alice", "admin")) + "." + parts[2];

        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void tamperedHeaderIsRefused() {
        String token = signed(header(rsa), claims(), rsa);
        String forged = b64(header(rsa).replace("}", ",\"cty\":\"x\"}")) + token.substring(token.indexOf('.'));

        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void truncatedSignatureIsRefused() {
        String token = signed(header(rsa), claims(), rsa);

        for (int cut : new int[] {1, 2, 4, 100}) {
            String truncated = token.substring(0, token.length() - cut);
            assertThatThrownBy(() -> verifier.verify(truncated)).isInstanceOf(InvalidTokenException.class)
                    .isNotInstanceOf(UnsupportedTokenException.class);
        }
        String noSignature = token.substring(0, token.lastIndexOf('.') + 1);
        assertThatThrownBy(() -> verifier.verify(noSignature)).isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void nonCanonicalSpellingsOfTheSameSignatureAreRefused() {
        String token = signed(header(rsa), claims(), rsa);
        // RS256 signatures are 256 bytes: 342 characters, the last carrying 4 unused bits.
        char last = token.charAt(token.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char sibling = alphabet.charAt(alphabet.indexOf(last) | 1);
        String respelled = token.substring(0, token.length() - 1) + sibling;
        assertThat(java.util.Base64.getUrlDecoder().decode(respelled.substring(respelled.lastIndexOf('.') + 1)))
                .isEqualTo(java.util.Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1)));

        assertThat(verifier.verify(token).subject()).isEqualTo("alice");
        assertThatThrownBy(() -> verifier.verify(respelled)).isInstanceOf(MalformedTokenException.class)
                .hasMessageContaining("canonical");
    }

    @Test
    void signatureWithNonBase64UrlCharactersIsRefused() {
        String token = signed(header(rsa), claims(), rsa);

        for (String bad : new String[] {token + "=", token.replace('-', '+') + "+", token + " ", token + "\n"}) {
            assertThatThrownBy(() -> verifier.verify(bad)).isInstanceOf(MalformedTokenException.class);
        }
    }

    @Test
    void encryptedOrPartialTokensAreMalformed() {
        for (String bad : new String[] {"abc", "a.b", "a.b.c.d.e", ".." , "." + b64(claims()) + ".AAAA"}) {
            assertThatThrownBy(() -> verifier.verify(bad)).isInstanceOf(MalformedTokenException.class);
        }
        assertThatThrownBy(() -> verifier.verify("")).isInstanceOf(MalformedTokenException.class);
        assertThatThrownBy(() -> verifier.verify(null)).isInstanceOf(MalformedTokenException.class);
    }

    @Test
    void payloadThatIsNotAJsonObjectIsMalformed() {
        for (String payload : new String[] {"[1,2]", "\"alice\"", "{\"sub\":", "null"}) {
            assertThatThrownBy(() -> verifier.verify(signed(header(rsa), payload, rsa)))
                    .isInstanceOf(MalformedTokenException.class);
        }
    }

    @Test
    void invalidUtf8IsMalformed() throws Exception {
        byte[] payload = claims().getBytes(StandardCharsets.UTF_8);
        byte[] broken = Arrays.copyOf(payload, payload.length + 1);
        broken[broken.length - 2] = (byte) 0xC3; // a lead byte followed by '}'
        broken[broken.length - 1] = '}';
        String input = b64(header(rsa)) + "." + b64(broken);
        String token = input + "." + rsa.signer().sign(new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.RS256),
                input.getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(MalformedTokenException.class);
    }

    @Test
    void requiredClaimsOfRfc9068MustBePresent() {
        for (String claim : new String[] {"sub", "jti", "client_id", "exp", "iat"}) {
            String payload = claims().replaceFirst(",?\"" + claim + "\":(\"[^\"]*\"|\\d+)", "").replace("{,", "{");
            assertThatThrownBy(() -> verifier.verify(signed(header(rsa), payload, rsa)))
                    .as(claim).isInstanceOf(MalformedTokenException.class).hasMessageContaining("'" + claim + "'");
        }
    }

    @Test
    void expAsStringIsMalformed() {
        String payload = claims().replace("\"exp\":" + (now + 900), "\"exp\":\"" + (now + 900) + "\"");

        assertThatThrownBy(() -> verifier.verify(signed(header(rsa), payload, rsa)))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("'exp'");
    }

    @Test
    void revokedTokenIsRefusedEvenFromTheCache() {
        InMemoryRevocationList revoked = new InMemoryRevocationList(clock);
        AccessTokenVerifier withList = AccessTokenVerifier.builder().issuer(ISS).audience(AUD).keys(ring).clock(clock)
                .revocations(revoked).build();
        String token = signed(header(rsa), claims(), rsa);
        assertThat(withList.verify(token).jti()).isEqualTo("j1");

        revoked.revoke("j1", clock.instant().plus(Duration.ofMinutes(15)));

        assertThatThrownBy(() -> withList.verify(token)).isInstanceOf(RevokedTokenException.class);
    }

    @Test
    void failureMessagesNeverEchoTheToken() {
        String token = signed(header(rsa), claims(ISS, "\"https://other.example\"", now + 900, now), rsa);
        String signature = token.substring(token.lastIndexOf('.') + 1);

        assertThatThrownBy(() -> verifier.verify(token)).satisfies(e ->
                assertThat(e.getMessage()).doesNotContain(signature).doesNotContain(token.substring(0, 20)));
    }
}
