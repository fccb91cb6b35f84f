package dev.lanyard.auth.grant;

import dev.lanyard.auth.testing.AuthorizationCodeStoreContract;

class InMemoryAuthorizationCodeStoreTest extends AuthorizationCodeStoreContract {

    @Override
    protected AuthorizationCodeStore newStore() {
        return new InMemoryAuthorizationCodeStore();
    }
}
