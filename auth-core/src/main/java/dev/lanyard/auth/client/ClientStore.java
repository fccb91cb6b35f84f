package dev.lanyard.auth.client;

import java.util.List;
import java.util.Optional;

/**
 * Where clients live. Lanyard ships {@link InMemoryClientStore} and {@code JdbcClientStore}; an app
 * that keeps its clients elsewhere implements {@link #findById} and is done: the writes are only
 * needed by the admin operations and default to refusing with {@link UnsupportedOperationException}.
 *
 * <pre>{@code
 * ClientStore fixed = clientId -> Optional.ofNullable(clientsFromConfig.get(clientId));
 * }</pre>
 *
 * <p>Contract (checked by {@code ClientStoreContract} in the auth-core test-jar): client ids are
 * unique and compared exactly; every write is atomic; a failing store throws
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
     * @throws UnsupportedOperationException in a read-only store, which does not implement it
     */
    default void createAll(List<Client> clients) {
        throw readOnly("createAll");
    }

    /**
     * Replaces the client with the same id, secrets included.
     *
     * @param client the client's new state
     * @throws dev.lanyard.auth.NotFoundException when there is no such client
     * @throws UnsupportedOperationException in a read-only store, which does not implement it
     */
    default void update(Client client) {
        throw readOnly("update");
    }

    /**
     * Removes the client; false when there was none.
     *
     * @param clientId the client's id
     * @return true when a client was removed
     * @throws UnsupportedOperationException in a read-only store, which does not implement it
     */
    default boolean delete(String clientId) {
        throw readOnly("delete");
    }

    /**
     * A page of clients ordered by id.
     *
     * @param offset how many clients to skip, from 0
     * @param limit  the most clients to return
     * @return the page; empty past the end
     * @throws UnsupportedOperationException in a read-only store, which does not implement it
     */
    default List<Client> list(int offset, int limit) {
        throw readOnly("list");
    }

    private UnsupportedOperationException readOnly(String operation) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " is read-only: implement "
                + operation + "(..) to allow it");
    }
}
