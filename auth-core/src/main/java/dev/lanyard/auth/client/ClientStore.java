package dev.lanyard.auth.client;

import java.util.List;
import java.util.Optional;

/**
 * Where clients live: the one lookup client authentication needs. Lanyard ships
 * {@link InMemoryClientStore} and {@code JdbcClientStore}, which are {@link Writable}; an app that keeps
 * its clients elsewhere implements {@link #findById} and is done. The writes, for the admin operations,
 * are in {@link Writable}.
 *
 * <pre>{@code
 * ClientStore fixed = clientId -> Optional.ofNullable(clientsFromConfig.get(clientId));
 * }</pre>
 *
 * <p>Contract (checked by {@code ClientStoreContract} in the {@code auth-testing} module, for a writable
 * store): client ids are unique and compared exactly; every write is atomic; a failing store throws
 * {@link dev.lanyard.auth.StoreException}.
 */
@FunctionalInterface
public interface ClientStore {

    /**
     * The client with exactly this id.
     *
     * @param clientId the client id as sent
     * @return the client, enabled or not; empty when there is none
     */
    Optional<Client> findById(String clientId);

    /**
     * A client store that can also be written: what {@link dev.lanyard.auth.admin.ClientAdmin}, the admin
     * API and the CLI need.
     *
     * <pre>{@code
     * ClientStore.Writable clients = new JdbcClientStore(dataSource);
     * clients.create(Client.builder("my-app").secrets(List.of(secret)).build());
     * }</pre>
     */
    interface Writable extends ClientStore {

        /**
         * Adds a client.
         *
         * @param client the new client
         * @throws dev.lanyard.auth.DuplicateException when the id is taken
         */
        default void create(Client client) {
            createAll(List.of(client));
        }

        /**
         * Adds all clients or none; the exception names the first offending entry.
         *
         * @param clients the new clients
         * @throws dev.lanyard.auth.DuplicateException when an id is taken or repeated within the list
         */
        void createAll(List<Client> clients);

        /**
         * Replaces the client with the same id, secrets included.
         *
         * @param client the client's new state
         * @throws dev.lanyard.auth.NotFoundException when there is no such client
         */
        void update(Client client);

        /**
         * Removes the client; false when there was none.
         *
         * @param clientId the client's id
         * @return true when a client was removed
         */
        boolean delete(String clientId);

        /**
         * A page of clients ordered by id.
         *
         * @param offset how many clients to skip, from 0
         * @param limit  the most clients to return
         * @return the page; empty past the end
         */
        List<Client> list(int offset, int limit);
    }
}
