package dev.lanyard.auth.admin;

import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientSecret;
import dev.lanyard.auth.client.InMemoryClientStore;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.password.PasswordPolicy;
import dev.lanyard.auth.password.PasswordPolicyException;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.user.InMemoryUserStore;
import dev.lanyard.auth.user.User;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One policy for every way a password or chosen client secret is set; and the cost caps of given hashes. */
class PasswordPolicyTest {

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final PasswordHasher hasher = PasswordHasher.builder().argon2id(8192, 1, 1).build();
    final InMemoryUserStore users = new InMemoryUserStore();
    final InMemoryClientStore clients = new InMemoryClientStore();
    final UserAdmin userAdmin = new UserAdmin(users, hasher, AuthEvents.none(), clock);
    final ClientAdmin clientAdmin = new ClientAdmin(clients, hasher, AuthEvents.none(), clock);

    @Test
    void everyWayToSetAPasswordRefusesOneShorterThanTheDefaultEight() {
        assertThatThrownBy(() -> userAdmin.createUser(User.builder("a").build(), "1234567".toCharArray()))
                .isInstanceOf(PasswordPolicyException.class).hasMessage("the password must be at least 8 characters long");
        User b = userAdmin.createUser(User.builder("b").build(), "12345678".toCharArray());
        assertThatThrownBy(() -> userAdmin.setPassword(b.id(), "x".toCharArray()))
                .isInstanceOf(PasswordPolicyException.class).hasMessageNotContaining("'x'");
        assertThatThrownBy(() -> userAdmin.importUsers("- {username: c, password: long-enough}\n- {username: d, password: short}\n",
                "users.yaml", ImportProgress.none()))
                .isInstanceOf(ImportException.class)
                .hasMessage("users.yaml: entry 2 (line 2): 'password' must be at least 8 characters long");
        assertThat(users.findByUsername("c")).isEmpty();
        assertThatThrownBy(() -> userAdmin.createUser(User.builder("e").build(), "x".repeat(257).toCharArray()))
                .isInstanceOf(PasswordPolicyException.class).hasMessage("the password must be at most 256 characters long");
    }

    @Test
    void everyWayToChooseAClientSecretRefusesOneShorterThanTheDefaultEight() {
        assertThatThrownBy(() -> clientAdmin.createClient(Client.builder("app").build(), "s"))
                .isInstanceOf(PasswordPolicyException.class).hasMessage("the client secret must be at least 8 characters long");
        assertThatThrownBy(() -> clientAdmin.importClients("- {moduleId: app, secret: short}\n", "modules.yaml",
                ImportProgress.none()))
                .isInstanceOf(ImportException.class)
                .hasMessage("modules.yaml: entry 1 (line 1): 'secret' must be at least 8 characters long");
        assertThat(clients.findById("app")).isEmpty();
    }

    @Test
    void aConfiguredPolicyAppliesToUsersAndClientsAlike() {
        PasswordPolicy policy = PasswordPolicy.builder().minLength(12).maxLength(20).build();
        UserAdmin strictUsers = new UserAdmin(users, hasher, policy, AuthEvents.none(), clock);
        ClientAdmin strictClients = new ClientAdmin(clients, hasher, policy, AuthEvents.none(), clock);

        assertThatThrownBy(() -> strictUsers.createUser(User.builder("a").build(), "eleven-char".toCharArray()))
                .hasMessage("the password must be at least 12 characters long");
        assertThat(strictUsers.createUser(User.builder("a").build(), "twelve-chars".toCharArray()).username()).isEqualTo("a");
        assertThatThrownBy(() -> strictClients.createClient(Client.builder("app").build(), "twenty-one-characters"))
                .hasMessage("the client secret must be at most 20 characters long");
        assertThat(strictClients.policy()).isSameAs(policy);
        assertThatThrownBy(() -> PasswordPolicy.builder().minLength(30).maxLength(20).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PasswordPolicy.builder().minLength(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void importedHashesAreKeptWhateverTheirPasswordsLengthButNotAboveTheCostCaps() {
        String hash = hasher.hash("short".toCharArray());
        userAdmin.importUsers("- {username: kept, password: '" + hash + "'}\n", "users.yaml", ImportProgress.none());
        assertThat(users.findByUsername("kept").orElseThrow().passwordHash()).contains(hash);

        String costly = "$argon2id$v=19$m=1048576,t=100,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
        assertThatThrownBy(() -> clientAdmin.importClients("- {moduleId: app, secret: '" + costly + "'}\n", "modules.yaml",
                ImportProgress.none()))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("modules.yaml: entry 1 (line 1): 'secret' is not an accepted hash")
                .hasMessageContaining("above the accepted maximum of 131072");
        assertThatThrownBy(() -> clientAdmin.createClient(Client.builder("app")
                .secrets(List.of(new ClientSecret("s1", costly, clock.instant()))).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret s1 of client app is not an accepted hash");
        assertThat(clients.findById("app")).isEmpty();
    }
}
