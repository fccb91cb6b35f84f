package dev.lanyard.auth.bench;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.auth.internal.Json;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the time of a cold {@code AccessTokenVerifier.verify} goes, without a profiler: each benchmark
 * runs one stage of {@code verifyUncached} on its own, with the same library calls in the same order
 * as auth-core 0.1.0-SNAPSHOT (the verifier's stages are private, so they are re-enacted here, not
 * called). Compare with {@link TokenBenchmark#verifyCold}, {@link TokenBenchmark#nimbusVerify} (the
 * signature stage) and {@link TokenBenchmark#rawJcaVerify}. The stages hardly depend on the algorithm
 * (only the signature length does, in {@link #formCheck}), so by default they run on the RS256 token
 * only; {@code -p alg=ES256,EdDSA,HS256} runs the others.
 * <ul>
 *   <li>{@link #formCheck}: find the two dots and scan every character against the base64url
 *       alphabet;</li>
 *   <li>{@link #decodePayload}: only the base64url and strict UTF-8 decoding of the claims, to
 *       separate it from the JSON parse in {@link #parsePayload};</li>
 *   <li>{@link #parseHeader}: base64url-decode, strict UTF-8 decode and JSON-parse the header, then
 *       build Nimbus's {@code JWSHeader} from the map;</li>
 *   <li>{@link #headerObject}: only the last step of {@link #parseHeader}, building the
 *       {@code JWSHeader} from the already parsed map;</li>
 *   <li>{@link #parsePayload}: base64url-decode, strict UTF-8 decode and JSON-parse the claims with
 *       Nimbus's {@code JSONObjectUtils} (shaded Gson), as the verifier does;</li>
 *   <li>{@link #parsePayloadJackson}: not what the verifier does, a candidate replacement: the same
 *       decoding, then Jackson with strict duplicate detection (auth-core already depends on Jackson);</li>
 *   <li>{@link #signatureDecodeNimbus}: the base64url decoding of the signature inside Nimbus's
 *       verifiers ({@code Base64URL.decode()}, a constant-time codec), part of
 *       {@link TokenBenchmark#nimbusVerify} but not of {@link TokenBenchmark#rawJcaVerify};</li>
 *   <li>{@link #signatureDecodeJdk}: the same bytes decoded by {@code java.util.Base64}'s URL decoder,
 *       for comparison (a signature is public, so it needs no constant-time decoding);</li>
 *   <li>{@link #freezeClaims}: the deep unmodifiable copy of the claims kept in the
 *       {@code VerifiedToken}.</li>
 * </ul>
 * What a cold verify costs beyond the sum of these and {@code nimbusVerify} is the header and claim
 * checks and the construction of the {@code VerifiedToken}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
public class VerifyBreakdownBenchmark {

    private static final JsonMapper JACKSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    @Param({"RS256"})
    public String alg;

    private String token;
    private int first;
    private int second;
    private Map<String, Object> header;
    private Map<String, Object> claims;

    @Setup(Level.Trial)
    public void setUp() throws ParseException, IOException {
        token = new Fixture(alg).token;
        first = token.indexOf('.');
        second = token.indexOf('.', first + 1);
        header = parseJson(token.substring(0, first));
        claims = parseJson(token.substring(first + 1, second));
        if (!alg.equals(parseHeader().getAlgorithm().getName()) || !alg.equals(headerObject().getAlgorithm().getName())
                || !"alice".equals(parsePayload().get("sub")) || !"alice".equals(parsePayloadJackson().get("sub"))
                || !Arrays.equals(signatureDecodeNimbus(), signatureDecodeJdk())) {
            throw new IllegalStateException("the token does not parse as expected");
        }
    }

    @Benchmark
    public int formCheck() {
        int a = token.indexOf('.');
        int b = token.indexOf('.', a + 1);
        if (a < 0 || b < 0 || token.indexOf('.', b + 1) >= 0) {
            throw new IllegalStateException("not three parts");
        }
        requireBase64Url(token, 0, a);
        requireBase64Url(token, a + 1, b);
        requireBase64Url(token, b + 1, token.length());
        return a + b;
    }

    @Benchmark
    public String decodePayload() {
        return decodeUtf8(token.substring(first + 1, second));
    }

    @Benchmark
    public JWSHeader parseHeader() throws ParseException {
        String headerPart = token.substring(0, first);
        Map<String, Object> parsed = parseJson(headerPart);
        return JWSHeader.parse(parsed, new Base64URL(headerPart));
    }

    @Benchmark
    public JWSHeader headerObject() throws ParseException {
        return JWSHeader.parse(header, new Base64URL(token.substring(0, first)));
    }

    @Benchmark
    public Map<String, Object> parsePayload() throws ParseException {
        return parseJson(token.substring(first + 1, second));
    }

    @Benchmark
    public Map<String, Object> parsePayloadJackson() throws IOException {
        return JACKSON.readValue(decodeUtf8(token.substring(first + 1, second)), JSON_OBJECT);
    }

    @Benchmark
    public byte[] signatureDecodeNimbus() {
        return new Base64URL(token.substring(second + 1)).decode();
    }

    @Benchmark
    public byte[] signatureDecodeJdk() {
        return Base64.getUrlDecoder().decode(token.substring(second + 1));
    }

    @Benchmark
    public Map<String, Object> freezeClaims() {
        return Json.freeze(claims);
    }

    // Copies of AccessTokenVerifier's private helpers (auth-core 0.1.0-SNAPSHOT), minus its error messages.

    private static void requireBase64Url(String s, int from, int to) {
        if ((to - from) % 4 == 1) {
            throw new IllegalStateException("impossible base64url length");
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            if (!ok) {
                throw new IllegalStateException("not base64url");
            }
        }
    }

    private static Map<String, Object> parseJson(String part) throws ParseException {
        return JSONObjectUtils.parse(decodeUtf8(part));
    }

    private static String decodeUtf8(String part) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(part);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
