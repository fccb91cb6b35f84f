package dev.lanyard.auth.reference;

import dev.lanyard.auth.testing.ReferenceTokenStoreContract;

class InMemoryReferenceTokenStoreTest extends ReferenceTokenStoreContract {

    @Override
    protected ReferenceTokenStore newStore() {
        return new InMemoryReferenceTokenStore();
    }
}
