package dev.lanyard.auth.examples;

import dev.lanyard.auth.user.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;


/** {@code users list}: who can log in; never a password hash. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the users: username, id, roles and whether they may log in. Never shows a hash.")
final class UsersListCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    ListRange range = new ListRange();

    @Override
    public void run() {
        Table table = new Table("USERNAME", "ID", "ROLES", "ENABLED");
        ListRange.Range<User> shown;
        try (DataDir dir = data.openExisting()) {
            shown = range.read(dir.users()::list);
            shown.entries().forEach((User u) -> table.row(u.username(), u.id(), Table.joined(u.roles()),
                    u.enabled() ? "yes" : "no"));
        }
        if (table.isEmpty()) {
            spec.commandLine().getOut().println(shown.nothingShown("No users yet; add some with 'users import FILE' or 'users add'."));
        } else {
            table.print(spec.commandLine().getOut());
            shown.printMore(spec.commandLine().getOut());
        }
    }
}
