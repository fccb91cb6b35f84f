package dev.lanyard.auth.key;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys an issuer signs and verifies with, as one immutable snapshot:
 * <ul>
 *   <li>the <b>active</b> key signs every new token;</li>
 *   <li>the optional <b>next</b> key is published in the JWKS and verifies, but does not sign yet, so
 *       that every verifier (and every other node) already knows it when it becomes active;</li>
 *   <li><b>retiring</b> keys only verify, until their drop time, so that tokens signed before a
 *       rotation stay valid for the rest of their lifetime.</li>
 * </ul>
 * A token naming any other key id is refused; the ring never tries its keys one after another.
 *
 * <pre>{@code
 * KeyRing ring = KeyRing.of(SigningKey.generate(SigningAlgorithm.RS256))
 *         .withNext(SigningKey.generate(SigningAlgorithm.RS256));
 * KeyRing rotated = ring.rotate(SigningKey.generate(SigningAlgorithm.RS256), now, Duration.ofHours(1));
 * String jwks = rotated.publicJwkSetJson(); // next, active and retiring public keys
 * }</pre>
 */
public final class KeyRing {

    private final SigningKey active;
    private final SigningKey next;
    private final Map<SigningKey, Instant> retiring; // key -> drop time, in insertion order
    private final Map<String, SigningKey> byKid;
    private final Instant nextDrop;

    private KeyRing(SigningKey active, SigningKey next, Map<SigningKey, Instant> retiring) {
        this.active = Objects.requireNonNull(active, "active");
        if (!active.canSign()) {
            throw new IllegalArgumentException("the active key " + active.kid() + " has no private part and cannot sign");
        }
        if (next != null && !next.canSign()) {
            throw new IllegalArgumentException("the next key " + next.kid() + " has no private part and cannot sign");
        }
        this.next = next;
        this.retiring = Collections.unmodifiableMap(new LinkedHashMap<>(retiring));
        Map<String, SigningKey> index = new HashMap<>();
        index(index, active);
        if (next != null) {
            index(index, next);
        }
        retiring.keySet().forEach(k -> index(index, k));
        this.byKid = Map.copyOf(index);
        this.nextDrop = retiring.values().stream().min(Instant::compareTo).orElse(Instant.MAX);
    }

    /**
     * A ring with a single active key.
     *
     * @param active the key that signs; it must have its private part
     * @return a ring without next or retiring keys
     * @throws IllegalArgumentException when the key cannot sign
     */
    public static KeyRing of(SigningKey active) {
        return new KeyRing(active, null, Map.of());
    }

    /**
     * A ring with every part given. {@code next} may be null; {@code retiring} maps each verify-only key
     * to the time it drops out.
     *
     * @param active   the key that signs
     * @param next     the key published for the next rotation; null for none
     * @param retiring verify-only keys and their drop times; empty for none
     * @return the ring
     * @throws IllegalArgumentException when two keys share a kid or the active or next key cannot sign
     */
    public static KeyRing of(SigningKey active, SigningKey next, Map<SigningKey, Instant> retiring) {
        return new KeyRing(active, next, Objects.requireNonNull(retiring, "retiring"));
    }

    /**
     * This ring with {@code next} published as the next key (replacing any previous next key).
     *
     * @param next the key to publish; it must have its private part
     * @return a new ring; this one is unchanged
     * @throws IllegalArgumentException when the key cannot sign or shares a kid with another key
     */
    public KeyRing withNext(SigningKey next) {
        return new KeyRing(active, Objects.requireNonNull(next, "next"), retiring);
    }

    /**
     * Rotates: the next key becomes active, the active key retires until {@code now + overlap}, and
     * {@code newNext} is published as the next key. Retiring keys past their drop time are removed.
     * Choose an overlap of at least the longest access-token lifetime plus the clock skew.
     *
     * @param newNext the key to publish as the next one after the rotation
     * @param now     the time of the rotation
     * @param overlap how long the old active key keeps verifying, zero or positive
     * @return a new ring; this one is unchanged
     * @throws IllegalArgumentException when {@code overlap} is negative
     * @throws IllegalStateException    when the ring has no next key to promote
     */
    public KeyRing rotate(SigningKey newNext, Instant now, Duration overlap) {
        Objects.requireNonNull(newNext, "newNext");
        Objects.requireNonNull(now, "now");
        if (overlap == null || overlap.isNegative()) {
            throw new IllegalArgumentException("overlap must be zero or positive");
        }
        if (next == null) {
            throw new IllegalStateException("the ring has no next key to promote; publish one with withNext(..) "
                    + "and wait for verifiers to see it before rotating");
        }
        Map<SigningKey, Instant> keep = new LinkedHashMap<>(dropExpired(now).retiring);
        keep.put(active, now.plus(overlap));
        return new KeyRing(next, newNext, keep);
    }

    /**
     * This ring without the retiring keys whose drop time is at or before {@code now}.
     *
     * @param now the current time
     * @return this ring when nothing is due, else a new one
     */
    public KeyRing dropExpired(Instant now) {
        Map<SigningKey, Instant> keep = new LinkedHashMap<>();
        retiring.forEach((key, dropAt) -> {
            if (dropAt.isAfter(now)) {
                keep.put(key, dropAt);
            }
        });
        return keep.size() == retiring.size() ? this : new KeyRing(active, next, keep);
    }

    /**
     * The earliest drop time of a retiring key ({@link Instant#MAX} when none retires).
     *
     * @return the instant at which the ring next loses a key
     */
    public Instant nextDrop() {
        return nextDrop;
    }

    /**
     * The key that signs new tokens.
     *
     * @return the active key, never null
     */
    public SigningKey active() {
        return active;
    }

    /**
     * The key that will sign after the next rotation, if one is published.
     *
     * @return the next key; empty when none is published
     */
    public Optional<SigningKey> next() {
        return Optional.ofNullable(next);
    }

    /**
     * The verify-only keys and the time each drops out.
     *
     * @return an unmodifiable map; empty when no key is retiring
     */
    public Map<SigningKey, Instant> retiring() {
        return retiring;
    }

    /**
     * The key with this id, whatever its role: the only way a verifier finds a key.
     *
     * @param kid the token header's {@code kid}
     * @return the key; empty when the ring holds no key with this id
     */
    public Optional<SigningKey> find(String kid) {
        return kid == null ? Optional.empty() : Optional.ofNullable(byKid.get(kid));
    }

    /**
     * Every key of the ring: next, active, then retiring ones.
     *
     * @return an unmodifiable list in that order
     */
    public List<SigningKey> keys() {
        List<SigningKey> all = new ArrayList<>();
        if (next != null) {
            all.add(next);
        }
        all.add(active);
        all.addAll(retiring.keySet());
        return List.copyOf(all);
    }

    /**
     * The public JWK set ({@code {"keys":[...]}}) to serve at the JWKS endpoint: the public halves of the
     * next, active and retiring asymmetric keys. It never holds a private key, and HMAC keys are left out
     * entirely.
     *
     * @return the JSON text of the public set
     */
    public String publicJwkSetJson() {
        return publicJwkSet().toString(true);
    }

    /**
     * The public JWK set as a Nimbus object.
     *
     * @return the same public set as {@link #publicJwkSetJson()}
     */
    public JWKSet publicJwkSet() {
        List<JWK> published = new ArrayList<>();
        for (SigningKey key : keys()) {
            JWK jwk = key.publicJwkObject();
            if (jwk != null) {
                published.add(jwk);
            }
        }
        return new JWKSet(published);
    }

    @Override
    public String toString() {
        return "KeyRing[active=" + active.kid() + ", next=" + (next == null ? "-" : next.kid())
                + ", retiring=" + retiring.keySet().stream().map(SigningKey::kid).toList() + "]";
    }

    private static void index(Map<String, SigningKey> index, SigningKey key) {
        if (index.putIfAbsent(key.kid(), key) != null) {
            throw new IllegalArgumentException("two keys share the key id '" + key.kid() + "'");
        }
    }
}
