package dev.lanyard.auth.key;

import dev.lanyard.auth.testing.KeyRingStoreContract;

/** {@link KeyRingStore#inMemory()}: the contract, with every "node" on the one instance. */
class InMemoryKeyRingStoreTest extends KeyRingStoreContract {

    private KeyRingStore shared;

    @Override
    protected KeyRingStore newStore() {
        shared = KeyRingStore.inMemory();
        return shared;
    }

    @Override
    protected KeyRingStore sameStorage() {
        return shared;
    }
}
