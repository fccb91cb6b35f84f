package dev.lanyard.auth.examples;

import dev.lanyard.auth.jdbc.JdbcKeyRingStore;
import dev.lanyard.auth.key.KeyRing;
import dev.lanyard.auth.key.KeyRingStore;
import dev.lanyard.auth.key.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** {@code keys list}: each key's id, algorithm and role; never key material. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists the keys of the ring: kid, algorithm, role (next, active, retiring until a time) "
                + "and creation time. Never shows key material.",
                "With --jdbc-url: the ring in the database, opened with the key-encryption key (which this checks)."})
final class KeysListCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    KeyEncryptionOptions kek = new KeyEncryptionOptions();

    @Override
    public void run() {
        KeyRingFile.refuseKekWithoutDatabase(data, kek);
        if (data.jdbcUrl == null) {
            print(KeyRingFile.existing(data).load());
            return;
        }
        try (DataDir dir = data.openExisting()) {
            JdbcKeyRingStore store = KeyRingFile.store(dir, kek);
            KeyRingStore.Snapshot stored = KeyRingFile.existing(store);
            print(stored.ring());
            spec.commandLine().getOut().println("Key ring version " + stored.version() + " in the database, sealed under "
                    + "key-encryption key " + KeyRingFile.requireKek(kek).id()
                    + store.issuer().map(i -> ", issuer " + i).orElse(""));
        }
    }

    private void print(KeyRing ring) {
        Instant now = Instant.now();
        Table table = new Table("KID", "ALG", "ROLE", "CREATED");
        ring.next().ifPresent(k -> table.row(k.kid(), k.algorithm().jwsName(), "next", created(k)));
        table.row(ring.active().kid(), ring.active().algorithm().jwsName(), "active", created(ring.active()));
        ring.retiring().forEach((k, dropAt) -> table.row(k.kid(), k.algorithm().jwsName(),
                Instant.MAX.equals(dropAt) ? "retiring (no drop time)"
                        : (dropAt.isAfter(now) ? "retiring until " : "retiring, dropped since ")
                                + dropAt.truncatedTo(ChronoUnit.SECONDS),
                created(k)));
        table.print(spec.commandLine().getOut());
    }

    private static String created(SigningKey key) {
        return Instant.EPOCH.equals(key.createdAt()) ? "-" : key.createdAt().toString();
    }
}
