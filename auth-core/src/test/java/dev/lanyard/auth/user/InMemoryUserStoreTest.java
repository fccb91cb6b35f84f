package dev.lanyard.auth.user;

import dev.lanyard.auth.testing.UserStoreContract;

class InMemoryUserStoreTest extends UserStoreContract {

    @Override
    protected UserStore newStore() {
        return new InMemoryUserStore();
    }
}
