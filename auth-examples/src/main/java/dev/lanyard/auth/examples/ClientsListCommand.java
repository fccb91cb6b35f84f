package dev.lanyard.auth.examples;

import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.jdbc.JdbcClientStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;

/** {@code clients list}: the clients and how many secrets each holds; never a secret or its hash. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the clients: id, grants, scopes, type and number of secrets. Never shows a secret or hash.")
final class ClientsListCommand implements Runnable {

    private static final int PAGE = 500;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Override
    public void run() {
        Table table = new Table("CLIENT_ID", "GRANTS", "SCOPES", "TYPE", "SECRET_IDS");
        try (DataDir dir = data.open()) {
            JdbcClientStore clients = dir.clients();
            for (int offset = 0; ; offset += PAGE) {
                List<Client> page = clients.list(offset, PAGE);
                for (Client c : page) {
                    table.row(c.clientId(), Table.joined(c.grants()), Table.joined(c.scopes()),
                            (c.confidential() ? "confidential" : "public") + (c.enabled() ? "" : " (disabled)"),
                            Table.joined(c.secrets().stream().map(s -> s.id()).toList()));
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
        }
        if (table.isEmpty()) {
            spec.commandLine().getOut().println("No clients yet; create one with 'clients create --id ID'.");
        } else {
            table.print(spec.commandLine().getOut());
        }
    }
}
