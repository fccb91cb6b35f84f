package dev.lanyard.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.util.Base64URL;
import dev.lanyard.auth.key.SigningKey;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds tokens byte by byte, the way an attacker would: any header, any payload, any signature. */
final class Forge {

    private Forge() {
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** header.payload signed with {@code signer} under algorithm {@code alg} (the header is taken as given). */
    static String signed(String headerJson, String payloadJson, JWSSigner signer, String alg) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Base64URL sig = signer.sign(new JWSHeader(JWSAlgorithm.parse(alg)), input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + sig;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String signed(String headerJson, String payloadJson, SigningKey key) {
        return signed(headerJson, payloadJson, key.signer(), key.algorithm().jwsName());
    }

    static String unsigned(String headerJson, String payloadJson) {
        return b64(headerJson) + "." + b64(payloadJson) + ".";
    }

    /** The standard header of a Lanyard token for this key. */
    static String header(SigningKey key) {
        return "{\"alg\":\"" + key.algorithm().jwsName() + "\",\"typ\":\"at+jwt\",\"kid\":\"" + key.kid() + "\"}";
    }
}
