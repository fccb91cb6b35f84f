package dev.lanyard.auth.client;

import dev.lanyard.auth.DuplicateException;
import dev.lanyard.auth.NotFoundException;
import dev.lanyard.auth.internal.Identifiers;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ClientStore} in this process's memory. Reads are lock-free; writes are serialised and
 * atomic.
 *
 * <pre>{@code
 * InMemoryClientStore clients = new InMemoryClientStore();
 * clients.create(Client.builder("my-app").secrets(List.of(secret)).build());
 * }</pre>
 */
public final class InMemoryClientStore implements ClientStore.Writable {

    private final Map<String, Client> byId = new ConcurrentHashMap<>();

    /** An empty store of clients. */
    public InMemoryClientStore() {
    }

    @Override
    public Optional<Client> findById(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(byId.get(clientId));
    }

    @Override
    public synchronized void createAll(List<Client> clients) {
        Objects.requireNonNull(clients, "clients");
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < clients.size(); i++) {
            Client c = Objects.requireNonNull(clients.get(i), "clients[" + i + "]");
            Integer earlier = seen.putIfAbsent(c.clientId(), i);
            if (earlier != null) {
                throw new DuplicateException(Identifiers.entry(i, clients.size()) + "client id " + Identifiers.quote(c.clientId())
                        + " repeats entry " + (earlier + 1));
            }
            if (byId.containsKey(c.clientId())) {
                throw new DuplicateException(Identifiers.entry(i, clients.size()) + "client id " + Identifiers.quote(c.clientId())
                        + " is already taken");
            }
        }
        clients.forEach(c -> byId.put(c.clientId(), c));
    }

    @Override
    public synchronized void update(Client client) {
        Objects.requireNonNull(client, "client");
        if (!byId.containsKey(client.clientId())) {
            throw new NotFoundException("no client with id " + Identifiers.quote(client.clientId()));
        }
        byId.put(client.clientId(), client);
    }

    @Override
    public synchronized boolean delete(String clientId) {
        return byId.remove(clientId) != null;
    }

    @Override
    public List<Client> list(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        return byId.values().stream().sorted(Comparator.comparing(Client::clientId)).skip(offset).limit(limit).toList();
    }
}
