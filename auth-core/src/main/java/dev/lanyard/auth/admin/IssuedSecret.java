package dev.lanyard.auth.admin;

import java.util.Objects;

/**
 * A client secret in plain text, handed out exactly once: when a client is created without a chosen
 * secret, or when a secret is rotated. Only its hash is stored; show it to the caller and forget it.
 *
 * <pre>{@code
 * IssuedSecret s = admin.rotateSecret("my-app");
 * respond(Map.of("clientId", "my-app", "secretId", s.secretId(), "secret", s.secret()));
 * }</pre>
 *
 * @param secretId the id under which the secret's hash is stored, for a later revocation
 * @param secret   the secret itself; never log it
 */
public record IssuedSecret(String secretId, String secret) {

    /**
     * Checks that both parts are present.
     *
     * @param secretId the id under which the secret's hash is stored, for a later revocation
     * @param secret   the secret itself; never log it
     * @throws NullPointerException when either is null
     */
    public IssuedSecret {
        Objects.requireNonNull(secretId, "secretId");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "IssuedSecret[secretId=" + secretId + "]";
    }
}
