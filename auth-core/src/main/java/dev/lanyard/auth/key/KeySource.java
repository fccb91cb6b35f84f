package dev.lanyard.auth.key;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a verifier finds the key a token names by its {@code kid}: the issuer's own {@link KeyManager}
 * or {@link KeyRing}, or a {@link RemoteJwks} for an app that only checks tokens.
 *
 * <pre>{@code
 * KeySource local = KeySource.of(keyManager);
 * KeySource remote = RemoteJwks.builder(URI.create("https://auth.example/oauth2/jwks").toURL()).build();
 * }</pre>
 */
public interface KeySource {

    /**
     * The key with exactly this id, or empty. Implementations must never guess or try other keys.
     *
     * @param kid the token header's {@code kid}
     * @return the trusted key with this id; empty when there is none
     */
    Optional<SigningKey> find(String kid);

    /**
     * An object whose identity changes whenever a key stops being trusted. A verifier that cached a
     * token re-verifies it when the version it saw is no longer the current one. The default never
     * changes: cached tokens then stay valid until they expire or are revoked.
     *
     * @return the current version, compared by identity
     */
    default Object version() {
        return this;
    }

    /**
     * The keys of the manager's current ring, a retiring key only until its drop time (even when no
     * {@code rotateIfDue()} has removed it yet); a rotation that drops a key invalidates cached tokens.
     *
     * @param manager the manager whose live ring is read at each lookup
     * @return the source
     * @throws NullPointerException when {@code manager} is null
     */
    static KeySource of(KeyManager manager) {
        Objects.requireNonNull(manager, "manager");
        return new KeySource() {
            @Override
            public Optional<SigningKey> find(String kid) {
                return manager.live().find(kid);
            }

            @Override
            public Object version() {
                return manager.live();
            }
        };
    }

    /**
     * The keys of one fixed ring.
     *
     * @param ring the ring whose keys, of any role, are trusted
     * @return the source, whose version never changes
     * @throws NullPointerException when {@code ring} is null
     */
    static KeySource of(KeyRing ring) {
        Objects.requireNonNull(ring, "ring");
        return ring::find;
    }
}
