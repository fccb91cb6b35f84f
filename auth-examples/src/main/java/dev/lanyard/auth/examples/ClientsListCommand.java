package dev.lanyard.auth.examples;

import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientSecret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;


/** {@code clients list}: the clients and the ids of their secrets; never a secret or its hash. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the clients: id, grants, scopes, type and secret ids. Never shows a secret or hash.")
final class ClientsListCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    ListRange range = new ListRange();

    @Override
    public void run() {
        Table table = new Table("CLIENT_ID", "GRANTS", "SCOPES", "TYPE", "SECRET_IDS");
        ListRange.Range<Client> shown;
        try (DataDir dir = data.openExisting()) {
            shown = range.read(dir.clients()::list);
            shown.entries().forEach((Client c) -> table.row(c.clientId(), Table.joined(c.grants()),
                    Table.joined(c.scopes()), (c.confidential() ? "confidential" : "public") + (c.enabled() ? "" : " (disabled)"),
                    Table.joined(c.secrets().stream().map(ClientSecret::id).toList())));
        }
        if (table.isEmpty()) {
            spec.commandLine().getOut().println(shown.nothingShown("No clients yet; create one with 'clients create --id ID'."));
        } else {
            table.print(spec.commandLine().getOut());
            shown.printMore(spec.commandLine().getOut());
        }
    }
}
