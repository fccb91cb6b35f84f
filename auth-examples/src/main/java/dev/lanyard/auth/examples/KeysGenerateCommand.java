package dev.lanyard.auth.examples;

import dev.lanyard.auth.jdbc.JdbcKeyRingStore;
import dev.lanyard.auth.key.JwkSetFile;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.key.KeyRingStore;
import dev.lanyard.auth.key.KeyRing;
import dev.lanyard.auth.key.SigningAlgorithm;
import dev.lanyard.auth.key.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Instant;

/** {@code keys generate}: a new key ring (an active and a next key) in the data directory. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Creates the key ring (keys.jwks.json): an active signing key and the next one, "
                + "already published so verifiers know it before it signs.",
                "With --jdbc-url: the ring the nodes share in the database (the first 'serve' creates one too).",
                "Refuses when a key ring exists, unless --force."})
final class KeysGenerateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "RS256",
            description = "RS256, PS256, ES256 or EdDSA (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--force", description = "Replace an existing key ring. Every token signed with the old keys "
            + "stops verifying at once, and verifiers that cached the old JWKS must fetch it again.")
    boolean force;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    KeyEncryptionOptions kek = new KeyEncryptionOptions();

    @Override
    public void run() {
        KeyRingFile.refuseKekWithoutDatabase(data, kek);
        SigningAlgorithm alg = algorithm(algorithm);
        if (data.jdbcUrl != null) {
            generateInDatabase(alg);
            return;
        }
        JwkSetFile file = new JwkSetFile(KeyRingFile.path(data));
        boolean existed = file.exists();
        if (existed && !force) {
            throw new IllegalArgumentException("a key ring already exists at " + file.path()
                    + "; use 'keys rotate' to roll it over, or --force to replace it (tokens signed with it stop verifying)");
        }
        KeyRingFile.requireNoServer(data);
        Instant now = Instant.now();
        KeyRing ring = KeyRing.of(SigningKey.generate(alg, now)).withNext(SigningKey.generate(alg, now));
        file.save(ring);
        spec.commandLine().getOut().println((existed ? "Replaced the key ring at " : "Created a key ring at ")
                + file.path() + ": " + alg.jwsName() + ", active " + ring.active().kid()
                + ", next " + ring.next().orElseThrow().kid()
                + (existed ? ". Tokens signed with the old keys no longer verify; restart a running server." : ""));
    }

    private void generateInDatabase(SigningAlgorithm alg) {
        try (DataDir dir = data.open()) {
            JdbcKeyRingStore store = KeyRingFile.store(dir, kek);
            long version = store.load().map(KeyRingStore.Snapshot::version).orElse(0L);
            if (version > 0 && !force) {
                throw new IllegalArgumentException("the database holds a key ring already; use 'keys rotate' to roll"
                        + " it over, or --force to replace it (tokens signed with it stop verifying)");
            }
            Instant now = Instant.now();
            KeyRing ring = KeyRing.of(SigningKey.generate(alg, now)).withNext(SigningKey.generate(alg, now));
            if (!store.replace(version, ring)) {
                throw new IllegalStateException("the key ring in the database changed meanwhile (a node rotated it?);"
                        + " run the command again");
            }
            spec.commandLine().getOut().println((version > 0 ? "Replaced the key ring in the database: "
                    : "Created a key ring in the database: ") + alg.jwsName() + ", active " + ring.active().kid()
                    + ", next " + ring.next().orElseThrow().kid()
                    + (version > 0 ? ". Tokens signed with the old keys no longer verify; running nodes use the new"
                    + " ring within " + KeyManager.DEFAULT_REFRESH_INTERVAL.toSeconds() + " seconds." : ""));
        }
    }

    /** {@code rs256} means RS256, {@code eddsa} EdDSA: the names differ only in case. */
    private static String canonical(String name) {
        return name.equalsIgnoreCase("EdDSA") ? "EdDSA" : name.toUpperCase(java.util.Locale.ROOT);
    }

    /** The algorithms an operator may choose: HS256 is left out, a shared secret has no place in a JWKS file. */
    static SigningAlgorithm algorithm(String name) {
        SigningAlgorithm alg;
        try {
            alg = SigningAlgorithm.fromJwsName(canonical(name));
        } catch (IllegalArgumentException e) {
            alg = null;
        }
        if (alg == null || alg.isSymmetric()) {
            throw new IllegalArgumentException("--algorithm must be RS256, PS256, ES256 or EdDSA (in any case)");
        }
        return alg;
    }
}
