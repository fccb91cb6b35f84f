package dev.lanyard.auth.examples;

import dev.lanyard.auth.admin.ImportProgress;
import dev.lanyard.auth.admin.UserAdmin;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.password.PasswordHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/** {@code users import FILE}: adds every user of a users file, or none. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Imports a users file (YAML or JSON, see the README), all or nothing.",
                "Plain-text passwords are hashed (Argon2id); argon2id, bcrypt and pbkdf2-sha256 hashes are kept.",
                "A username that is already taken refuses the whole file, unless --skip-existing."})
final class UsersImportCommand implements Runnable {

    /** Below this many entries the import is quick enough to need no progress line. */
    static final int PROGRESS_FROM = 20;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The users file.")
    Path file;

    @Option(names = "--skip-existing",
            description = "Leave users whose username is taken as they are (passwords included) and import the rest.")
    boolean skipExisting;

    @Mixin
    DataOptions data = new DataOptions();

    @Override
    public void run() {
        String content = InputFiles.read(file);
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = new Progress(err, System.console() != null, System::nanoTime);
        Thread onInterrupt = new Thread(progress::interrupted, "users-import-interrupted");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        int imported;
        try (DataDir dir = data.open()) {
            UserAdmin admin = dir.userAdmin(PasswordHasher.defaults(), AuthEvents.none());
            imported = skipExisting ? admin.importNewUsers(content, file.toString(), progress)
                    : admin.importUsers(content, file.toString(), progress);
            progress.finished();
        } finally {
            progress.end();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C arrived as the import ended: the hook runs and says which side of the write it was.
            }
        }
        spec.commandLine().getOut().println("Imported " + imported + " users from " + file);
    }

    /**
     * The progress of the hashing on standard error: on a terminal one line rewritten in place, four
     * times a second at most; otherwise (a log, a pipe) a new line every {@link #LINE_EVERY_NANOS}, so
     * that a long import writes a few lines, not a carriage return per user. Each line gives the rate
     * and the time left. Nothing is shown for a small import or one without passwords to hash.
     */
    static final class Progress implements ImportProgress {
        static final long LINE_EVERY_NANOS = 5_000_000_000L;
        private static final long REWRITE_EVERY_NANOS = 250_000_000L;

        private final PrintWriter err;
        private final boolean terminal;
        private final LongSupplier nanos;
        private volatile boolean writing;
        private volatile boolean done;
        private long start;
        private long lastShown;
        private int kept;
        private int toHash;
        private boolean shown;

        Progress(PrintWriter err, boolean terminal, LongSupplier nanos) {
            this.err = err;
            this.terminal = terminal;
            this.nanos = nanos;
        }

        @Override
        public void started(int entries, int toHash, int threads) {
            this.kept = entries - toHash;
            this.toHash = toHash;
            this.start = nanos.getAsLong();
            this.lastShown = start;
            if (toHash >= PROGRESS_FROM) {
                err.println("hashing " + toHash + " passwords (Argon2id) on " + threads
                        + (threads == 1 ? " thread" : " threads")
                        + (kept > 0 ? "; " + kept + " entries keep their imported hash" : ""));
                err.flush();
            }
        }

        @Override
        public void progress(int prepared, int total) {
            int hashed = prepared - kept;
            if (toHash < PROGRESS_FROM || hashed <= 0) {
                return;
            }
            long now = nanos.getAsLong();
            boolean last = hashed == toHash;
            if (!last && now - lastShown < (terminal ? REWRITE_EVERY_NANOS : LINE_EVERY_NANOS)) {
                return;
            }
            lastShown = now;
            String line = line(hashed, now - start);
            if (terminal) {
                err.print("\r" + line);
            } else {
                err.println(line);
            }
            err.flush();
            shown = true;
            writing = last;
        }

        /** "hashing 1200/20000, 48/s, about 6 min 40 s left". */
        String line(int hashed, long elapsedNanos) {
            double perSecond = elapsedNanos <= 0 ? 0 : hashed * 1e9 / elapsedNanos;
            String rate = perSecond >= 10 ? String.valueOf(Math.round(perSecond)) : String.format("%.1f", perSecond);
            String left = hashed == toHash ? "done"
                    : perSecond <= 0 ? "time left unknown"
                    : left(Math.round((toHash - hashed) / perSecond));
            return "hashing " + hashed + "/" + toHash + ", " + rate + "/s, " + left;
        }

        private static String left(long seconds) {
            return seconds == 0 ? "under 1 s left" : "about " + duration(seconds) + " left";
        }

        static String duration(long seconds) {
            if (seconds < 60) {
                return seconds + " s";
            }
            if (seconds < 3600) {
                return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
            }
            return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
        }

        void finished() {
            done = true;
        }

        /** The shutdown hook's word on Ctrl-C (or a kill): what became of the import. */
        void interrupted() {
            if (done) {
                return;
            }
            err.println();
            err.println(writing
                    ? "interrupted while writing: the import is one transaction, so either every user of the file"
                            + " was stored or none; 'users list' shows which"
                    : "interrupted: nothing was imported");
            err.flush();
        }

        void end() {
            if (shown && terminal) {
                err.println();
                err.flush();
            }
        }
    }
}
