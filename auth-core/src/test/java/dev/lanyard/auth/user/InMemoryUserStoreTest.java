package dev.lanyard.auth.user;

import dev.lanyard.auth.testing.UserStoreContract;

class InMemoryUserStoreTest extends UserStoreContract {

    @Override
    protected UserStore.Writable newStore() {
        return new InMemoryUserStore();
    }
}
