package dev.lanyard.auth.client;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.auth.internal.Json;
import dev.lanyard.auth.internal.SecureUrls;
import dev.lanyard.auth.key.SigningKey;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks and conversions of a client's registered public keys (RFC 7591 {@code jwks} and
 * {@code jwks_uri}): only public RSA (2048 bits or more), EC P-256 and Ed25519 keys for signing, never
 * a private or symmetric key.
 */
final class ClientKeys {

    /** The most keys a client may register at once (a current and a next one is the usual case). */
    static final int MAX_KEYS = 10;
    /** The longest JWK set text a client may register. */
    static final int MAX_JSON = 16 * 1024;

    private ClientKeys() {
    }

    /** The JWK set as canonical JSON text, after every check; null for null. */
    static String jwks(Map<String, Object> jwks, String clientId) {
        if (jwks == null) {
            return null;
        }
        String json = JSONObjectUtils.toJSONString(jwks);
        if (json.length() > MAX_JSON) {
            throw new IllegalArgumentException("client " + clientId + ": jwks is " + json.length()
                    + " characters long; the limit is " + MAX_JSON);
        }
        JWKSet set;
        try {
            set = JWKSet.parse(jwks);
        } catch (ParseException e) {
            throw new IllegalArgumentException("client " + clientId + ": jwks is not a JWK set {\"keys\": [...]}: "
                    + e.getMessage(), e);
        }
        if (set.getKeys().isEmpty() || set.getKeys().size() > MAX_KEYS) {
            throw new IllegalArgumentException("client " + clientId + ": jwks must hold 1 to " + MAX_KEYS
                    + " keys, not " + set.getKeys().size());
        }
        for (JWK jwk : set.getKeys()) {
            if (KeyType.OCT.equals(jwk.getKeyType())) {
                throw new IllegalArgumentException("client " + clientId + ": jwks holds a symmetric (oct) key;"
                        + " private_key_jwt takes public RSA, EC P-256 or Ed25519 keys");
            }
            if (jwk.isPrivate()) {
                throw new IllegalArgumentException("client " + clientId + ": a key of jwks holds private parameters;"
                        + " register only the client's public keys (and keep the private ones with the client)");
            }
            signingKeys(jwk, clientId);
        }
        return JSONObjectUtils.toJSONString(set.toJSONObject(true));
    }

    /** The jwks_uri, checked: an absolute https URL (http only to a loopback host); null for null. */
    static URI jwksUri(String uri, String clientId) {
        if (uri == null) {
            return null;
        }
        try {
            URI parsed = new URI(uri);
            SecureUrls.remote(parsed, "client " + clientId + ": jwksUri", false, null);
            return parsed;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("client " + clientId + ": jwksUri is not a URL", e);
        }
    }

    /** The registered JWK set as an unmodifiable JSON object. */
    static Map<String, Object> parse(String json) {
        try {
            return Json.freeze(JSONObjectUtils.parse(json));
        } catch (ParseException e) {
            throw new IllegalStateException("a stored jwks is not JSON: " + e.getMessage(), e);
        }
    }

    /** The verifying keys of a checked JWK set's text. */
    static List<SigningKey> signingKeys(String json) {
        try {
            List<SigningKey> out = new ArrayList<>();
            for (JWK jwk : JWKSet.parse(json).getKeys()) {
                out.addAll(signingKeys(jwk, null));
            }
            return List.copyOf(out);
        } catch (ParseException e) {
            throw new IllegalStateException("a stored jwks is not a JWK set: " + e.getMessage(), e);
        }
    }

    /**
     * A key's verifying keys: one per algorithm it may verify. An RSA key without {@code alg} verifies
     * RS256 and PS256 (RFC 7518 leaves the choice to the signer); any other key only its own algorithm.
     */
    static List<SigningKey> signingKeys(JWK jwk, String clientId) {
        try {
            if (jwk.getAlgorithm() == null && jwk instanceof RSAKey rsa) {
                return List.of(SigningKey.fromJwk(rsa),
                        SigningKey.fromJwk(new RSAKey.Builder(rsa).algorithm(JWSAlgorithm.PS256).build()));
            }
            SigningKey key = SigningKey.fromJwk(jwk);
            if (key.algorithm().isSymmetric()) {
                throw new IllegalArgumentException("a symmetric algorithm");
            }
            return List.of(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("client " + clientId + ": a key of jwks cannot verify assertions: "
                    + e.getMessage(), e);
        }
    }
}
