package dev.lanyard.auth.client;

import dev.lanyard.auth.testing.ClientStoreContract;

class InMemoryClientStoreTest extends ClientStoreContract {

    @Override
    protected ClientStore newStore() {
        return new InMemoryClientStore();
    }
}
