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
        Progress progress = new Progress(err);
        int imported;
        try (DataDir dir = data.open()) {
            UserAdmin admin = dir.userAdmin(PasswordHasher.defaults(), AuthEvents.none());
            imported = skipExisting ? admin.importNewUsers(content, file.toString(), progress)
                    : admin.importUsers(content, file.toString(), progress);
        } finally {
            progress.end();
        }
        spec.commandLine().getOut().println("Imported " + imported + " users from " + file);
    }

    /** "\rhashing 120/1000" on standard error, for imports long enough to wonder about. */
    private static final class Progress implements ImportProgress {
        private final PrintWriter err;
        private boolean shown;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void progress(int done, int total) {
            if (total >= PROGRESS_FROM) {
                err.print("\rhashing " + done + "/" + total);
                err.flush();
                shown = true;
            }
        }

        void end() {
            if (shown) {
                err.println();
                err.flush();
            }
        }
    }
}
