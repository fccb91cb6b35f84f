package dev.lanyard.auth.examples;

import dev.lanyard.auth.jdbc.JdbcKeyRingStore;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.key.KeyRing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;

/** {@code keys rotate}: the next key becomes active, the active one retires. */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {"Rotates the key ring: the next key becomes active, the active key keeps verifying for "
                + "one hour, and a new next key is published.",
                "In --data: a running server keeps its keys in memory and signs with the new key after a restart.",
                "With --jdbc-url: rotates the ring the nodes share in the database, while they run; each picks the "
                        + "rotation up within 5 seconds."})
final class KeysRotateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    KeyEncryptionOptions kek = new KeyEncryptionOptions();

    @Override
    public void run() {
        KeyRingFile.refuseKekWithoutDatabase(data, kek);
        PrintWriter out = spec.commandLine().getOut();
        if (data.jdbcUrl != null) {
            try (DataDir dir = data.open()) {
                JdbcKeyRingStore store = KeyRingFile.store(dir, kek);
                KeyRingFile.existing(store);
                KeyManager keys = KeyManager.builder().store(store).build();
                String before = keys.current().active().kid();
                KeyRing rotated = keys.rotate();
                out.println(rotated(before, rotated) + " (key ring version " + keys.storedVersion() + " in the database)");
                out.println("Running nodes pick the new key up within "
                        + KeyManager.DEFAULT_REFRESH_INTERVAL.toSeconds() + " seconds.");
            }
            return;
        }
        KeyRingFile.requireNoServer(data);
        KeyManager keys = KeyRingFile.manager(data);
        String before = keys.current().active().kid();
        KeyRing rotated = keys.rotate();
        out.println(rotated(before, rotated));
        out.println("A running server picks the new key up when it restarts.");
    }

    private static String rotated(String before, KeyRing rotated) {
        return "Rotated: " + rotated.active().kid() + " now signs; " + before + " verifies until "
                + rotated.retiring().entrySet().stream().filter(e -> e.getKey().kid().equals(before))
                        .map(e -> e.getValue().truncatedTo(ChronoUnit.SECONDS).toString()).findFirst().orElse("now")
                + "; next is " + rotated.next().orElseThrow().kid() + ".";
    }
}
