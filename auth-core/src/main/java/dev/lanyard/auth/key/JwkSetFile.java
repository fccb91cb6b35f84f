package dev.lanyard.auth.key;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes a {@link KeyRing} as a JWK-set file, private keys included.
 *
 * <p>The file is a standard JWK set; the role of each key is kept in one extra top-level member,
 * {@code "lanyard": {"active": kid, "next": kid, "retiring": {kid: dropEpochSeconds}}}. A plain JWK
 * set without that member (one written by another tool) loads with its first key active and the others
 * verifying until they are removed from the file.
 *
 * <p>Writes are atomic (a temporary file in the same directory, then a rename) and the file is
 * readable by its owner only, on file systems that have POSIX permissions.
 *
 * <pre>{@code
 * JwkSetFile file = new JwkSetFile(Path.of("lanyard-data/keys.jwks.json"));
 * KeyRing ring = file.exists() ? file.load() : KeyRing.of(SigningKey.generate(SigningAlgorithm.RS256));
 * file.save(ring);
 * }</pre>
 */
public final class JwkSetFile {

    private static final String META = "lanyard";

    private final Path path;

    /**
     * A key file at this path; nothing is read or written yet.
     *
     * @param path the JWK set file
     * @throws NullPointerException when {@code path} is null
     */
    public JwkSetFile(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * Where the file is.
     *
     * @return the path given
     */
    public Path path() {
        return path;
    }

    /**
     * Whether the file exists, so that {@link #load()} can be tried.
     *
     * @return true when it exists
     */
    public boolean exists() {
        return Files.exists(path);
    }

    /**
     * Loads the ring.
     *
     * @return the ring with the roles and drop times the file records
     * @throws IllegalArgumentException when the file is not a JWK set, names a key it does not hold, or
     *                                  holds a key Lanyard cannot use (the message says which)
     * @throws UncheckedIOException     when the file cannot be read
     */
    public KeyRing load() {
        String json;
        try {
            json = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + path + ": " + e.getMessage(), e);
        }
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException("key file " + path + " is not a JWK set: " + e.getMessage(), e);
        }
        List<JWK> jwks = set.getKeys();
        if (jwks.isEmpty()) {
            throw new IllegalArgumentException("key file " + path + " holds no keys");
        }
        Map<String, SigningKey> keys = new LinkedHashMap<>();
        for (JWK jwk : jwks) {
            SigningKey key;
            try {
                key = SigningKey.fromJwk(jwk);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key file " + path + ": " + e.getMessage(), e);
            }
            if (keys.putIfAbsent(key.kid(), key) != null) {
                throw new IllegalArgumentException("key file " + path + " holds two keys with kid " + key.kid());
            }
        }
        Object meta = set.getAdditionalMembers().get(META);
        try {
            return meta == null ? plainRing(keys) : describedRing(keys, meta);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("key file " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the ring, private keys included, atomically and readable by the owner only.
     *
     * @param ring the ring to write
     * @throws UncheckedIOException when the file cannot be written; the previous file is then untouched
     */
    public void save(KeyRing ring) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("active", ring.active().kid());
        ring.next().ifPresent(next -> meta.put("next", next.kid()));
        Map<String, Object> retiring = new LinkedHashMap<>();
        ring.retiring().forEach((key, dropAt) -> retiring.put(key.kid(), dropAt.getEpochSecond()));
        meta.put("retiring", retiring);
        List<JWK> all = ring.keys().stream().map(SigningKey::privateJwk).toList();
        String json = new JWKSet(all, Map.of(META, meta)).toString(false);
        write(json);
    }

    private void write(String json) {
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = createOwnerOnly(dir);
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write key file " + path + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file holds nothing the real one does not
                }
            }
        }
    }

    private Path createOwnerOnly(Path dir) throws IOException {
        String prefix = "." + path.getFileName() + ".";
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, prefix, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Path tmp = Files.createTempFile(dir, prefix, ".tmp");
        java.io.File file = tmp.toFile();
        boolean restricted = file.setReadable(false, false) && file.setReadable(true, true)
                && file.setWritable(false, false) && file.setWritable(true, true);
        if (!restricted) {
            throw new IOException("cannot restrict the permissions of " + tmp + " to its owner");
        }
        return tmp;
    }

    private static KeyRing plainRing(Map<String, SigningKey> keys) {
        List<SigningKey> list = List.copyOf(keys.values());
        Map<SigningKey, Instant> retiring = new LinkedHashMap<>();
        list.subList(1, list.size()).forEach(k -> retiring.put(k, Instant.MAX));
        return KeyRing.of(list.get(0), null, retiring);
    }

    private static KeyRing describedRing(Map<String, SigningKey> keys, Object meta) {
        if (!(meta instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("its '" + META + "' member must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) meta;
        SigningKey active = named(keys, m.get("active"), "active");
        SigningKey next = m.get("next") == null ? null : named(keys, m.get("next"), "next");
        Map<SigningKey, Instant> retiring = new LinkedHashMap<>();
        Object r = m.get("retiring");
        if (r != null) {
            if (!(r instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("its 'retiring' member must be an object of kid to drop time");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> described = (Map<String, Object>) r;
            described.forEach((kid, dropAt) -> {
                if (!(dropAt instanceof Number n)) {
                    throw new IllegalArgumentException("retiring key " + kid + " needs a numeric drop time");
                }
                retiring.put(named(keys, kid, "retiring"), Instant.ofEpochSecond(n.longValue()));
            });
        }
        int described = 1 + (next == null ? 0 : 1) + retiring.size();
        if (described != keys.size()) {
            throw new IllegalArgumentException("holds " + keys.size() + " keys but its '" + META
                    + "' member gives a role to " + described);
        }
        return KeyRing.of(active, next, retiring);
    }

    private static SigningKey named(Map<String, SigningKey> keys, Object kid, String role) {
        if (!(kid instanceof String s) || !keys.containsKey(s)) {
            throw new IllegalArgumentException("the " + role + " key '" + kid + "' is not in the file");
        }
        return keys.get(s);
    }
}
