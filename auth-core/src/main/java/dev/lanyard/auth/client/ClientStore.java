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

    /** The client with exactly this id. */
    Optional<Client> findById(String clientId);

    /**
     * Adds a client.
     *
     * @throws dev.lanyard.auth.DuplicateException when the id is taken
     */
    default void create(Client client) {
        createAll(List.of(client));
    }

    /**
     * Adds all clients or none; the exception names the first offending entry.
     *
     * @throws dev.lanyard.auth.DuplicateException when an id is taken or repeated within the list
     */
    default void createAll(List<Client> clients) {
        throw readOnly("createAll");
    }

    /**
     * Replaces the client with the same id, secrets included.
     *
     * @throws dev.lanyard.auth.NotFoundException when there is no such client
     */
    default void update(Client client) {
        throw readOnly("update");
    }

    /** Removes the client; false when there was none. */
    default boolean delete(String clientId) {
        throw readOnly("delete");
    }

    /** A page of clients ordered by id. */
    default List<Client> list(int offset, int limit) {
        throw readOnly("list");
    }

    private UnsupportedOperationException readOnly(String operation) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " is read-only: implement "
                + operation + "(..) to allow it");
    }
}
