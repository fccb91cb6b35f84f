package dev.lanyard.auth.examples;

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
                "A running server keeps its keys in memory: it signs with the new key after a restart."})
final class KeysRotateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Override
    public void run() {
        KeyRingFile.requireNoServer(data);
        KeyManager keys = KeyRingFile.manager(data);
        String before = keys.current().active().kid();
        KeyRing rotated = keys.rotate();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Rotated: " + rotated.active().kid() + " now signs; " + before + " verifies until "
                + rotated.retiring().entrySet().stream().filter(e -> e.getKey().kid().equals(before))
                        .map(e -> e.getValue().truncatedTo(ChronoUnit.SECONDS).toString()).findFirst().orElse("now")
                + "; next is " + rotated.next().orElseThrow().kid() + ".");
        out.println("A running server picks the new key up when it restarts.");
    }
}
