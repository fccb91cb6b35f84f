package dev.lanyard.auth.examples;

import dev.lanyard.auth.DuplicateException;
import dev.lanyard.auth.admin.ClientAdmin;
import dev.lanyard.auth.admin.ImportProgress;
import dev.lanyard.auth.admin.IssuedSecret;
import dev.lanyard.auth.admin.UserAdmin;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.examples.profile.Profile;
import dev.lanyard.auth.user.User;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * What {@code serve} puts into the data directory before it serves: demo credentials for a new, empty
 * database, the {@code --clients} and {@code --users} files (keeping what exists, so a restart with the
 * same files is harmless), and the profile's own first-party clients.
 */
final class Provisioning {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final String DEMO_CLIENT = "demo-client";

    private final DataDir data;
    private final UserAdmin userAdmin;
    private final ClientAdmin clientAdmin;
    private final PrintWriter out;

    Provisioning(DataDir data, UserAdmin userAdmin, ClientAdmin clientAdmin, PrintWriter out) {
        this.data = data;
        this.userAdmin = userAdmin;
        this.clientAdmin = clientAdmin;
        this.out = out;
    }

    /** A file named by an option, read before anything is changed; null when the option was not given. */
    static String read(Path file, String option) {
        if (file == null) {
            return null;
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + ": cannot read it (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A client and two users with random secrets, for a new installation: an empty database (of this data
     * dir, or shared with nodes started before) and no files to import, which would be the credentials.
     *
     * @return the lines to show once, or none
     */
    List<String> demoCredentialsIfNew(boolean filesGiven) {
        boolean empty = data.clients().list(0, 1).isEmpty() && data.users().list(0, 1).isEmpty();
        if (!empty || filesGiven) {
            return List.of();
        }
        IssuedSecret secret = clientAdmin.createClient(Client.builder(DEMO_CLIENT)
                .name("demo client")
                .grants(List.of("client_credentials", "refresh_token", "authorization_code"))
                .scopes(List.of("read", "write"))
                .redirectUris(List.of("http://localhost:9999/callback"))
                .build()).secret().orElseThrow();
        String demo = randomPassword();
        String admin = randomPassword();
        userAdmin.createUser(User.builder("demo").firstName("Demo").lastName("User").lang("ENU")
                .roles(List.of("user")).build(), demo.toCharArray());
        userAdmin.createUser(User.builder("admin").firstName("Admin").roles(List.of("admin", "user")).build(),
                admin.toCharArray());
        return List.of(
                "client  " + DEMO_CLIENT + " / " + secret.secret() + "   (client_credentials, refresh_token,"
                        + " authorization_code; redirect http://localhost:9999/callback)",
                "user    demo / " + demo,
                "admin   admin / " + admin + "   (role admin)");
    }

    /** Imports the files' new entries; existing ones are kept as they are. */
    void importFiles(Path clientsPath, String clients, Path usersPath, String users) {
        if (clients != null) {
            int n = clientAdmin.importNewClients(clients, clientsPath.getFileName().toString(), ImportProgress.none());
            out.println("Imported " + n + " new client(s) from " + clientsPath);
        }
        if (users != null) {
            int n = userAdmin.importNewUsers(users, usersPath.getFileName().toString(), ImportProgress.none());
            out.println("Imported " + n + " new user(s) from " + usersPath);
        }
    }

    /**
     * The profile's first-party clients, each with a random secret nobody is told: only the server uses
     * them. One that exists with other grants was not made by the profile (a stranger's registration
     * through another profile, say): the start stops rather than let the server act for it.
     */
    void serverClients(Profile profile) {
        for (Client client : profile.serverClients()) {
            Client existing = data.clients().findById(client.clientId()).orElse(null);
            if (existing != null && !existing.grants().equals(client.grants())) {
                throw new IllegalStateException("the client '" + client.clientId() + "' exists but is not the "
                        + profile.name() + " profile's own (grants " + existing.grants() + "); delete it or use "
                        + "another --data directory");
            }
            if (existing == null) {
                try {
                    clientAdmin.createClient(client);
                } catch (DuplicateException raced) {
                    // another node created it first
                }
            }
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
