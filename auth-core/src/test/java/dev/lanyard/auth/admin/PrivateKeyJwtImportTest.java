package dev.lanyard.auth.admin;

import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.InMemoryClientStore;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.key.SigningAlgorithm;
import dev.lanyard.auth.key.SigningKey;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The clients file and the admin's create for private_key_jwt clients. */
class PrivateKeyJwtImportTest {

    final MutableClock clock = MutableClock.at("2026-12-02T10:00:00Z");
    final InMemoryClientStore clients = new InMemoryClientStore();
    final ClientAdmin admin = new ClientAdmin(clients, PasswordHasher.builder().argon2id(8192, 1, 1).build(),
            AuthEvents.none(), clock);
    final SigningKey key = SigningKey.generate(SigningAlgorithm.ES256);

    @Test
    void aClientsFileRegistersJwksAndJwksUriClientsWithoutSecrets() {
        Object x = key.publicJwk().orElseThrow().get("x");
        Object y = key.publicJwk().orElseThrow().get("y");
        String yaml = """
                - moduleId: batch
                  tokenEndpointAuthMethod: private_key_jwt
                  jwks:
                    keys:
                      - {kty: EC, crv: P-256, kid: batch-1, x: %s, y: %s}
                  supports: [orders]
                - moduleId: remote
                  tokenEndpointAuthMethod: private_key_jwt
                  jwksUri: https://remote.example/jwks.json
                """.formatted(x, y);

        assertThat(admin.importClients(yaml, "modules.yaml", ImportProgress.none())).isEqualTo(2);

        Client batch = clients.findById("batch").orElseThrow();
        assertThat(batch.tokenEndpointAuthMethod()).contains("private_key_jwt");
        assertThat(batch.secrets()).isEmpty();
        assertThat((List<?>) batch.jwks().orElseThrow().get("keys")).hasSize(1);
        assertThat(clients.findById("remote").orElseThrow().jwksUri()).contains(URI.create("https://remote.example/jwks.json"));
    }

    @Test
    void aClientsFileNamesTheLineOfABadKeyEntry() {
        assertThatThrownBy(() -> admin.importClients("""
                - {moduleId: a, tokenEndpointAuthMethod: private_key_jwt, secret: s3cr3t-words}
                """, "m.yaml", ImportProgress.none()))
                .isInstanceOf(ImportException.class).hasMessageContaining("cannot have a 'secret'");
        assertThatThrownBy(() -> admin.importClients("""
                - {moduleId: a, tokenEndpointAuthMethod: private_key_jwt}
                """, "m.yaml", ImportProgress.none()))
                .isInstanceOf(ImportException.class).hasMessageContaining("give jwks or jwksUri");
        assertThatThrownBy(() -> admin.importClients("""
                - {moduleId: a, tokenEndpointAuthMethod: private_key_jwt, jwks: [1, 2]}
                """, "m.yaml", ImportProgress.none()))
                .isInstanceOf(ImportException.class).hasMessageContaining("'jwks' must be an object");
        assertThatThrownBy(() -> admin.importClients("""
                - {moduleId: a, tokenEndpointAuthMethod: private_key_jwt, jwksUri: "http://keys.example/jwks"}
                """, "m.yaml", ImportProgress.none()))
                .isInstanceOf(ImportException.class).hasMessageContaining("plain http");
        assertThat(clients.findById("a")).isEmpty();
    }

    @Test
    void createOfAPrivateKeyJwtClientIssuesNoSecret() {
        ClientAdmin.Created created = admin.createClient(Client.builder("batch").tokenEndpointAuthMethod("private_key_jwt")
                .jwksUri("https://batch.example/jwks").build());

        assertThat(created.secret()).isEmpty();
        assertThat(clients.findById("batch").orElseThrow().secrets()).isEmpty();
    }
}
