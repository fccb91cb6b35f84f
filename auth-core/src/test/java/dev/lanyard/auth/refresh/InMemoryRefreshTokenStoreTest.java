package dev.lanyard.auth.refresh;

import dev.lanyard.auth.testing.RefreshTokenStoreContract;

class InMemoryRefreshTokenStoreTest extends RefreshTokenStoreContract {

    @Override
    protected RefreshTokenStore newStore() {
        return new InMemoryRefreshTokenStore();
    }
}
