package dev.lanyard.auth.client;

import dev.lanyard.auth.testing.ClientStoreContract;

class InMemoryClientStoreTest extends ClientStoreContract {

    @Override
    protected ClientStore.Writable newStore() {
        return new InMemoryClientStore();
    }
}
