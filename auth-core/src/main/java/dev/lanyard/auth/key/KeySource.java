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

    /** The key with exactly this id, or empty. Implementations must never guess or try other keys. */
    Optional<SigningKey> find(String kid);

    /**
     * An object whose identity changes whenever a key stops being trusted. A verifier that cached a
     * token re-verifies it when the version it saw is no longer the current one. The default never
     * changes: cached tokens then stay valid until they expire or are revoked.
     */
    default Object version() {
        return this;
    }

    /**
     * The keys of the manager's current ring, a retiring key only until its drop time (even when no
     * {@code rotateIfDue()} has removed it yet); a rotation that drops a key invalidates cached tokens.
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

    /** The keys of one fixed ring. */
    static KeySource of(KeyRing ring) {
        Objects.requireNonNull(ring, "ring");
        return ring::find;
    }
}
