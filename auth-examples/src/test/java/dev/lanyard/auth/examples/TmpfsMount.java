package dev.lanyard.auth.examples;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small file system of its own (tmpfs) mounted on a new directory, so that a test can fill a disk
 * without filling the machine's; unmounted and removed on close. Needs root (CI runs as root); where
 * mounting is not possible the test is skipped with one line saying why, unless
 * {@code LANYARD_REQUIRE_FULL_DISK=true} (which {@code .ci/run} sets): there it fails.
 */
final class TmpfsMount implements AutoCloseable {

    /** Set on CI, which runs as root: there a full-disk test that cannot mount fails instead of skipping. */
    static final String REQUIRE_VARIABLE = "LANYARD_REQUIRE_FULL_DISK";

    private final Path dir;

    private TmpfsMount(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code size} (e.g. {@code 8m}) on a new directory under {@code parent}. */
    static TmpfsMount of(Path parent, String size) throws IOException, InterruptedException {
        if (!System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            skip("a full-disk test mounts a tmpfs, which needs Linux");
        }
        Path dir = Files.createTempDirectory(parent, "small-disk");
        String out = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=700", "tmpfs", dir.toString());
        if (out != null) {
            Files.deleteIfExists(dir);
            skip("cannot mount a small tmpfs for the full-disk test (root needed): " + out);
        }
        return new TmpfsMount(dir);
    }

    private static void skip(String why) {
        if ("true".equalsIgnoreCase(System.getenv(REQUIRE_VARIABLE))) {
            throw new IllegalStateException(why + " (" + REQUIRE_VARIABLE + "=true makes this a failure)");
        }
        Assumptions.abort(why);
    }

    Path path() {
        return dir;
    }

    /** Writes a filler file until the file system refuses more; returns its path, to free the space again. */
    Path fill() throws IOException {
        Path filler = dir.resolve("filler");
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left on device")) {
                throw e;
            }
        }
        return filler;
    }

    @Override
    public void close() throws IOException {
        try {
            if (run("umount", dir.toString()) != null) {
                run("umount", "-l", dir.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // interrupted: the mount stays until the machine restarts; nothing more to do here
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    /** Runs a command; null when it succeeded, else what it printed. */
    private static String run(String... command) throws InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            out = e.getMessage();
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return command[0] + " did not finish";
        }
        return p.exitValue() == 0 ? null : command[0] + " exited " + p.exitValue() + ": " + out;
    }
}
