package dev.lanyard.auth.deps;

import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.key.SigningAlgorithm;
import dev.lanyard.auth.token.AccessTokenIssuer;
import dev.lanyard.auth.token.AccessTokenRequest;
import dev.lanyard.auth.token.AccessTokenVerifier;

/**
 * Run by {@link ModulePathTest} with auth-core as a named module on the module path and this class on
 * the class path: the exported API works, an internal package is out of reach. Any failure exits non-zero.
 */
public final class OnTheModulePath {

    private OnTheModulePath() {
    }

    public static void main(String[] args) throws Exception {
        Module core = KeyManager.class.getModule();
        if (!core.isNamed() || !core.getName().equals("dev.lanyard.auth.core")) {
            fail("auth-core is not the named module dev.lanyard.auth.core but " + core);
        }
        KeyManager keys = KeyManager.builder().algorithm(SigningAlgorithm.ES256).build();
        String token = AccessTokenIssuer.builder().issuer("https://auth.example").audience("https://api.example")
                .keys(keys).build().issue(AccessTokenRequest.builder("alice", "web-app").build()).value();
        String subject = AccessTokenVerifier.builder().issuer("https://auth.example").audience("https://api.example")
                .keys(keys).build().verify(token).subject();
        System.out.println("verified " + subject);

        Class<?> internal = Class.forName("dev.lanyard.auth.internal.Identifiers");
        try {
            internal.getMethod("quote", String.class).invoke(null, "x");
            fail("dev.lanyard.auth.internal is exported");
        } catch (IllegalAccessException expected) {
            System.out.println("internal refused");
        }
    }

    private static void fail(String why) {
        System.out.println("FAILED: " + why);
        System.exit(1);
    }
}
