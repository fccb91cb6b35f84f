package dev.lanyard.auth.internal.jws;

import dev.lanyard.auth.key.SigningKey;
import dev.lanyard.auth.token.MalformedTokenException;
import dev.lanyard.auth.token.UnknownKeyException;
import dev.lanyard.auth.token.UnsupportedTokenException;

import java.util.Map;
import java.util.Set;

/**
 * What a JOSE header of one kind of JWT must look like. Fixed for every kind: {@code alg} is a string
 * and never {@code none}, {@code crit} is refused (no extension is understood), and the key-carrying
 * members {@code jwk}, {@code jku}, {@code x5u}, {@code x5c} are refused: a key is never taken from the
 * token or fetched from where it points. Per kind: the algorithms allowed before any key is looked up,
 * and the {@code typ} rule (explicit typing, RFC 8725 section 3.11, so that one kind of JWT cannot pass
 * for another).
 */
public final class HeaderPolicy {

    private static final Set<String> KEY_HEADERS = Set.of("jwk", "jku", "x5u", "x5c");

    /** The {@code typ} rule of a kind of JWT. */
    @FunctionalInterface
    public interface TypeRule {
        /**
         * Refuses a header whose {@code typ} does not fit.
         *
         * @param typ the header's {@code typ} member as parsed; null when absent
         * @throws UnsupportedTokenException when it does not fit
         */
        void check(Object typ);
    }

    private final Set<String> algorithms;
    private final TypeRule type;

    /**
     * A policy.
     *
     * @param algorithms the {@code alg} values allowed at all; empty to leave the choice to the key
     *                   (which verifies with its one algorithm only)
     * @param type       the {@code typ} rule
     */
    public HeaderPolicy(Set<String> algorithms, TypeRule type) {
        this.algorithms = Set.copyOf(algorithms);
        this.type = type;
    }

    /**
     * Checks a parsed header and chooses its key.
     *
     * @param header the header's members
     * @param keys   where the key is looked up, after every other check passed
     * @return the key the signature must verify with
     * @throws dev.lanyard.auth.token.InvalidTokenException naming the rule the header breaks
     */
    public SigningKey check(Map<String, Object> header, JwsKeys keys) {
        Object alg = header.get("alg");
        if (!(alg instanceof String algName)) {
            throw new MalformedTokenException("the header has no 'alg' string");
        }
        if ("none".equalsIgnoreCase(algName.trim())) {
            throw new UnsupportedTokenException("alg 'none' (an unsigned token) is never accepted");
        }
        for (String name : KEY_HEADERS) {
            if (header.containsKey(name)) {
                throw new UnsupportedTokenException("the header carries '" + name
                        + "'; keys are never taken from a token or fetched from where it points");
            }
        }
        if (header.containsKey("crit")) {
            throw new UnsupportedTokenException("the header has a 'crit' extension this verifier does not support");
        }
        type.check(header.get("typ"));
        if (!algorithms.isEmpty() && !algorithms.contains(algName)) {
            throw new UnsupportedTokenException("the header's alg is not accepted here; allowed: "
                    + algorithms.stream().sorted().toList());
        }
        Object kid = header.get("kid");
        if (kid != null && !(kid instanceof String)) {
            throw new UnknownKeyException("the header's 'kid' is not a string; every key is chosen by its id");
        }
        return keys.find((String) kid, algName);
    }
}
