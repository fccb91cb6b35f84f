package dev.lanyard.auth.admin;

import dev.lanyard.auth.DuplicateException;
import dev.lanyard.auth.NotFoundException;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientSecret;
import dev.lanyard.auth.client.ClientStore;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.password.ClientSecrets;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.internal.Identifiers;
import dev.lanyard.auth.password.PasswordPolicy;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The client operations behind an admin API or CLI: create (generating a secret when none is
 * chosen), import a {@code modules.yaml}, rotate or revoke secrets, delete.
 *
 * <p>Secrets: a generated secret holds 256 random bits and is stored as a SHA-256 digest (a fast
 * digest is enough when guessing is hopeless, and keeps every token request cheap); a secret chosen
 * by a person is stored with the password hasher (Argon2id), since people choose guessable secrets.
 *
 * <pre>{@code
 * ClientAdmin admin = new ClientAdmin(clients, PasswordHasher.defaults(), AuthEvents.none(), Clock.systemUTC());
 * ClientAdmin.Created created = admin.createClient(Client.builder("my-app").scopes(Set.of("orders")).build());
 * String shownOnce = created.secret().orElseThrow().secret();
 * IssuedSecret next = admin.rotateSecret("my-app");          // old secret keeps working
 * admin.revokeSecret("my-app", created.secret().orElseThrow().secretId());
 * }</pre>
 */
public final class ClientAdmin {

    /** The fields of a clients import file ({@code modules.yaml}). */
    static final Set<String> FIELDS =
            Set.of("moduleId", "secret", "supports", "appId", "grants", "redirectUris", "name", "public",
                    "tokenEndpointAuthMethod", "jwks", "jwksUri");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClientStore.Writable clients;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final AuthEvents events;
    private final Clock clock;

    /**
     * With {@link PasswordPolicy#defaults()} for chosen secrets: 8 to 256 characters.
     *
     * @param clients the store clients are written to
     * @param hasher  hashes person-chosen secrets
     * @param events  where changes are reported
     * @param clock   the clock of the events and secrets
     */
    public ClientAdmin(ClientStore.Writable clients, PasswordHasher hasher, AuthEvents events, Clock clock) {
        this(clients, hasher, PasswordPolicy.defaults(), events, clock);
    }

    /**
     * With the policy every person-chosen secret must meet (import files, admin API, registration alike).
     *
     * @param clients the store clients are written to
     * @param hasher  hashes person-chosen secrets
     * @param policy  the rule every person-chosen secret must meet
     * @param events  where changes are reported
     * @param clock   the clock of the events and secrets
     */
    public ClientAdmin(ClientStore.Writable clients, PasswordHasher hasher, PasswordPolicy policy, AuthEvents events, Clock clock) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The rule person-chosen secrets must meet; open registration checks it before anything else.
     *
     * @return the policy
     */
    public PasswordPolicy policy() {
        return policy;
    }

    /**
     * A created client, and its generated secret when one was generated.
     *
     * @param client the client as stored
     * @param secret the generated secret, shown once; empty for public clients and chosen secrets
     */
    public record Created(Client client, Optional<IssuedSecret> secret) {
    }

    /**
     * Creates a client. A confidential client without secrets gets a generated one, returned once.
     *
     * @param client the new client
     * @return the client as stored, and the generated secret when one was generated
     * @throws dev.lanyard.auth.DuplicateException when the client id is taken
     */
    public Created createClient(Client client) {
        Objects.requireNonNull(client, "client");
        checkHashes(client);
        IssuedSecret generated = null;
        Client toStore = client;
        if (client.confidential() && client.secrets().isEmpty() && usesSecret(client)) {
            generated = generate();
            toStore = client.toBuilder().secrets(List.of(digested(generated))).build();
        }
        clients.create(toStore);
        events.publish(new AuthEvent.ClientCreated(clock.instant(), toStore.clientId()));
        return new Created(toStore, Optional.ofNullable(generated));
    }

    /**
     * Creates a confidential client with a secret chosen by a person, hashed with the password hasher. The
     * secret must meet the {@link PasswordPolicy} ({@link dev.lanyard.auth.password.PasswordPolicyException}).
     * A taken id is refused before the secret is hashed (a lookup is cheap, a hash is not); the store's
     * own {@link DuplicateException} still decides a race between two creators.
     *
     * @param client       the new confidential client
     * @param chosenSecret the plain-text secret; it must meet the policy
     * @return the client as stored, with the secret's hash
     * @throws DuplicateException when the client id is taken
     */
    public Client createClient(Client client, String chosenSecret) {
        Objects.requireNonNull(client, "client");
        if (!client.confidential()) {
            throw new IllegalArgumentException("public client " + client.clientId() + " cannot have a secret");
        }
        if (clients.findById(client.clientId()).isPresent()) {
            throw new DuplicateException("client id " + Identifiers.quote(client.clientId()) + " is already taken");
        }
        checkChosen(chosenSecret, "the client secret");
        Client toStore = client.toBuilder().secrets(List.of(hashedChosen(chosenSecret))).build();
        clients.create(toStore);
        events.publish(new AuthEvent.ClientCreated(clock.instant(), toStore.clientId()));
        return toStore;
    }

    /**
     * Imports a clients file ({@code modules.yaml} format, YAML or JSON), all or nothing. Plain-text
     * secrets are hashed; supported hashes are kept as they are.
     *
     * @param content  the file's text
     * @param source   a name for messages, usually the file name
     * @param progress told how many entries are prepared
     * @return the number of clients imported
     * @throws ImportException                     naming the entry, its line and the problem
     * @throws dev.lanyard.auth.DuplicateException naming the entry whose client id is taken
     */
    public int importClients(String content, String source, ImportProgress progress) {
        return importClients(content, source, progress, false);
    }

    /**
     * Imports the clients of a file whose ids are not taken yet, and leaves the others as they are (their
     * secrets too): a file imported at every start of a server adds what is new in it. Every entry is checked.
     *
     * @param content  the file's text
     * @param source   a name for messages, usually the file name
     * @param progress told how many entries are prepared
     * @return the number of clients imported; the rest were already there
     * @throws ImportException naming the entry, its line and the problem
     */
    public int importNewClients(String content, String source, ImportProgress progress) {
        return importClients(content, source, progress, true);
    }

    private int importClients(String content, String source, ImportProgress progress, boolean skipExisting) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(progress, "progress");
        List<ImportFile.Entry> entries = ImportFile.read(content, source);
        List<Client> parsed = new ArrayList<>(entries.size());
        List<String> secrets = new ArrayList<>(entries.size());
        List<ImportFile.Entry> checkedEntries = new ArrayList<>(entries.size());
        for (ImportFile.Entry entry : entries) {
            entry.allowOnly(FIELDS);
            Client client = parse(entry);
            String secret = entry.text("secret", false);
            if (secret != null && !ClientSecrets.isDigest(secret)) {
                entry.isKeptHash("secret", secret, hasher);
            }
            if (!skipExisting || clients.findById(client.clientId()).isEmpty()) {
                parsed.add(client);
                secrets.add(secret);
                checkedEntries.add(entry);
            }
        }
        for (int i = 0; i < parsed.size(); i++) {
            // After every entry's fields are checked, before any hash: a policy failure is reported at once.
            String secret = secrets.get(i);
            if (secret != null && !isHash(secret)) {
                try {
                    checkChosen(secret, "'secret'");
                } catch (IllegalArgumentException e) {
                    throw checkedEntries.get(i).error(e.getMessage());
                }
            }
        }
        List<Client> ready = new ArrayList<>(parsed.size());
        for (int i = 0; i < parsed.size(); i++) {
            String secret = secrets.get(i);
            ready.add(secret == null ? parsed.get(i)
                    : parsed.get(i).toBuilder().secrets(List.of(imported(secret))).build());
            progress.progress(i + 1, parsed.size());
        }
        if (ready.isEmpty()) {
            return 0;
        }
        clients.createAll(ready);
        events.publish(new AuthEvent.Imported(clock.instant(), AuthEvent.PrincipalKind.CLIENT, ready.size(), source));
        return ready.size();
    }

    /**
     * Adds a generated secret to a confidential client and returns it once. The client's other
     * secrets keep working until revoked, so callers can move to the new one without downtime.
     *
     * @param clientId the client's id
     * @return the new secret in plain text, shown this once
     * @throws NotFoundException        when there is no such client
     * @throws IllegalArgumentException for a public client, which has no secrets
     */
    public IssuedSecret rotateSecret(String clientId) {
        Client client = find(clientId);
        if (!client.confidential()) {
            throw new IllegalArgumentException("public client " + clientId + " has no secrets to rotate");
        }
        IssuedSecret generated = generate();
        List<ClientSecret> secrets = new ArrayList<>(client.secrets());
        secrets.add(digested(generated));
        clients.update(client.toBuilder().secrets(secrets).build());
        events.publish(new AuthEvent.ClientSecretRotated(clock.instant(), clientId, generated.secretId()));
        return generated;
    }

    /**
     * Revokes one secret. The last secret of a client cannot be revoked (that would lock it out for
     * good): rotate first, or delete the client.
     *
     * @param clientId the client's id
     * @param secretId the id of the secret to revoke
     * @throws NotFoundException     when the client or the secret id does not exist
     * @throws IllegalStateException when it is the client's last secret
     */
    public void revokeSecret(String clientId, String secretId) {
        Client client = find(clientId);
        List<ClientSecret> remaining = new ArrayList<>(client.secrets());
        if (!remaining.removeIf(s -> s.id().equals(secretId))) {
            throw new NotFoundException("client " + clientId + " has no secret with id " + Identifiers.quote(secretId));
        }
        if (remaining.isEmpty()) {
            throw new IllegalStateException("secret " + secretId + " is the last secret of client " + clientId
                    + "; rotate first (or delete the client)");
        }
        clients.update(client.toBuilder().secrets(remaining).build());
        events.publish(new AuthEvent.ClientSecretRevoked(clock.instant(), clientId, secretId));
    }

    /**
     * Deletes a client; false when there was none.
     *
     * @param clientId the client's id
     * @return true when a client was deleted
     */
    public boolean deleteClient(String clientId) {
        if (!Identifiers.isClean(Objects.requireNonNull(clientId, "clientId"))) {
            return false; // no client can have such an id, and the store must not see it
        }
        boolean deleted = clients.delete(clientId);
        if (deleted) {
            events.publish(new AuthEvent.ClientDeleted(clock.instant(), clientId));
        }
        return deleted;
    }

    /** Secrets given already hashed must be hashes the hasher accepts, within its cost caps. */
    private void checkHashes(Client client) {
        for (ClientSecret s : client.secrets()) {
            if (!ClientSecrets.isDigest(s.hash())) {
                try {
                    hasher.checkHash(s.hash());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("secret " + s.id() + " of client " + client.clientId()
                            + " is not an accepted hash: " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * The client with this id, to check what an admin may do with it (its appId, say).
     *
     * @param clientId the client's id
     * @return the client; empty when there is none
     */
    public Optional<Client> findClient(String clientId) {
        return clients.findById(Objects.requireNonNull(clientId, "clientId"));
    }

    private Client find(String clientId) {
        requireClean(Objects.requireNonNull(clientId, "clientId"));
        return clients.findById(clientId)
                .orElseThrow(() -> new NotFoundException("no client with id " + Identifiers.quote(clientId)));
    }

    /** No client can have such an id: refused before the store sees it (PostgreSQL fails on a NUL). */
    private static void requireClean(String clientId) {
        if (!Identifiers.isClean(clientId)) {
            throw new NotFoundException("no client has an id with control or invisible characters");
        }
    }

    private IssuedSecret generate() {
        return new IssuedSecret(newSecretId(), ClientSecrets.generate());
    }

    private ClientSecret digested(IssuedSecret secret) {
        return new ClientSecret(secret.secretId(), ClientSecrets.digest(secret.secret()), clock.instant());
    }

    private void checkChosen(String secret, String what) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        policy.check(secret, what);
    }

    /** Whether the client authenticates with a secret (a private_key_jwt client has none). */
    private static boolean usesSecret(Client client) {
        return client.acceptsAuthMethod("client_secret_basic") || client.acceptsAuthMethod("client_secret_post");
    }

    private ClientSecret hashedChosen(String secret) {
        return new ClientSecret(newSecretId(), hasher.hash(secret.toCharArray()), clock.instant());
    }

    private boolean isHash(String secret) {
        return ClientSecrets.isDigest(secret) || hasher.isSupportedHash(secret);
    }

    private ClientSecret imported(String secret) {
        return isHash(secret) ? new ClientSecret(newSecretId(), secret, clock.instant()) : hashedChosen(secret);
    }

    private static Client parse(ImportFile.Entry entry) {
        try {
            Boolean isPublic = entry.bool("public");
            List<String> supports = entry.strings("supports");
            List<String> grants = entry.strings("grants");
            List<String> redirects = entry.strings("redirectUris");
            Client.Builder b = Client.builder(entry.text("moduleId", true))
                    .name(entry.text("name", false))
                    .appId(entry.text("appId", false))
                    .scopes(supports == null ? List.of() : supports)
                    .redirectUris(redirects == null ? List.of() : redirects)
                    .tokenEndpointAuthMethod(entry.text("tokenEndpointAuthMethod", false))
                    .jwks(entry.object("jwks"))
                    .jwksUri(entry.text("jwksUri", false));
            boolean keyed = "private_key_jwt".equals(entry.text("tokenEndpointAuthMethod", false));
            if (keyed && entry.text("secret", false) != null) {
                throw entry.error("a private_key_jwt client authenticates with its key and cannot have a 'secret'");
            }
            if (grants != null) {
                b.grants(grants);
            }
            if (Boolean.TRUE.equals(isPublic)) {
                if (entry.text("secret", false) != null) {
                    throw entry.error("a public client cannot have a 'secret'");
                }
                b.publicClient();
                if (grants == null) {
                    b.grants(List.of("authorization_code", "refresh_token"));
                }
            } else if (entry.text("secret", false) == null && !keyed) {
                throw entry.error("'secret' is required (or set 'public: true' for a client without one, or"
                        + " 'tokenEndpointAuthMethod: private_key_jwt' with 'jwks' or 'jwksUri')");
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw entry.error(e.getMessage());
        }
    }

    private static String newSecretId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "s-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
