package dev.lanyard.auth.client;

import dev.lanyard.auth.internal.Identifiers;

import java.util.Objects;
import java.util.Optional;

/**
 * What a client presented to authenticate, as it was presented: an id and secret in the HTTP Basic
 * header ({@code client_secret_basic}) or in the body ({@code client_secret_post}), an id alone
 * ({@code none}, a public client), or a client assertion (RFC 7521 section 4.2: {@code client_assertion_type}
 * and {@code client_assertion}, with the {@code client_id} optional since the assertion names its client).
 * A {@link ClientAuthenticationMethod} decides whether it {@linkplain ClientAuthenticationMethod#appliesTo applies}
 * to a credential and checks it.
 *
 * <pre>{@code
 * ClientCredential basic = ClientCredential.basic("my-app", secret);           // Authorization: Basic
 * ClientCredential post = ClientCredential.post("my-app", secret);             // client_secret in the body
 * ClientCredential none = ClientCredential.none("spa");                        // a public client
 * ClientCredential jwt = ClientCredential.assertion(null, ClientCredential.JWT_BEARER, assertion);
 * Client client = tokens.authenticateClient(basic, request.getRemoteAddr());
 * }</pre>
 *
 * <p>Values are kept as received (the id may be null, empty or malformed: the authentication refuses it).
 * {@link #toString()} never shows a secret or an assertion.
 */
public final class ClientCredential {

    /** The {@code client_assertion_type} of a JWT client assertion (RFC 7523 section 2.2). */
    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** Where the credential was presented. */
    public enum Presentation {
        /** The {@code Authorization: Basic} header (RFC 6749 section 2.3.1). */
        AUTHORIZATION_HEADER,
        /** Request parameters: {@code client_id} with {@code client_secret}, or alone. */
        PARAMETERS,
        /** {@code client_assertion_type} and {@code client_assertion} parameters (RFC 7521 section 4.2). */
        ASSERTION
    }

    private final Presentation presentation;
    private final String clientId;
    private final String secret;
    private final String assertionType;
    private final String assertion;

    private ClientCredential(Presentation presentation, String clientId, String secret, String assertionType,
                             String assertion) {
        this.presentation = presentation;
        this.clientId = clientId;
        this.secret = secret;
        this.assertionType = assertionType;
        this.assertion = assertion;
    }

    /**
     * An id and secret from the {@code Authorization: Basic} header, already URL-decoded.
     *
     * @param clientId the id as sent
     * @param secret   the secret as sent; not null
     * @return the credential
     * @throws NullPointerException when {@code secret} is null
     */
    public static ClientCredential basic(String clientId, String secret) {
        return new ClientCredential(Presentation.AUTHORIZATION_HEADER, clientId, Objects.requireNonNull(secret, "secret"),
                null, null);
    }

    /**
     * An id and secret from the request body ({@code client_id}, {@code client_secret}).
     *
     * @param clientId the id as sent
     * @param secret   the secret as sent; not null
     * @return the credential
     * @throws NullPointerException when {@code secret} is null
     */
    public static ClientCredential post(String clientId, String secret) {
        return new ClientCredential(Presentation.PARAMETERS, clientId, Objects.requireNonNull(secret, "secret"), null, null);
    }

    /**
     * A {@code client_id} alone, as a public client sends it.
     *
     * @param clientId the id as sent
     * @return the credential
     */
    public static ClientCredential none(String clientId) {
        return new ClientCredential(Presentation.PARAMETERS, clientId, null, null, null);
    }

    /**
     * A client assertion (RFC 7521 section 4.2), such as a {@link #JWT_BEARER} JWT.
     *
     * @param clientId      the {@code client_id} parameter when sent; null when the assertion alone names the client
     * @param assertionType the {@code client_assertion_type} as sent; not null
     * @param assertion     the {@code client_assertion} as sent; not null
     * @return the credential
     * @throws NullPointerException when {@code assertionType} or {@code assertion} is null
     */
    public static ClientCredential assertion(String clientId, String assertionType, String assertion) {
        return new ClientCredential(Presentation.ASSERTION, clientId, null,
                Objects.requireNonNull(assertionType, "assertionType"), Objects.requireNonNull(assertion, "assertion"));
    }

    /**
     * An id and an optional secret given in code, where how they travelled does not matter: the secret
     * as {@link #basic} (RFC 6749's default method), no secret as {@link #none}.
     *
     * <pre>{@code
     * Client app = authenticator.authenticate(ClientCredential.of("my-app", secret), null);
     * Client spa = authenticator.authenticate(ClientCredential.of("spa", null), null);
     * }</pre>
     *
     * @param clientId the client id
     * @param secret   the secret; null for none
     * @return the credential
     */
    public static ClientCredential of(String clientId, String secret) {
        return secret == null ? none(clientId) : basic(clientId, secret);
    }

    /**
     * Where the credential was presented.
     *
     * @return the presentation
     */
    public Presentation presentation() {
        return presentation;
    }

    /**
     * The client id as presented (Basic user name or {@code client_id} parameter).
     *
     * @return the id; empty when none was sent (an assertion may name its client itself)
     */
    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    /**
     * The secret as presented.
     *
     * @return the secret; empty for {@link #none} and assertions
     */
    public Optional<String> secret() {
        return Optional.ofNullable(secret);
    }

    /**
     * The {@code client_assertion_type}.
     *
     * @return the type; empty unless this is an {@link #assertion}
     */
    public Optional<String> assertionType() {
        return Optional.ofNullable(assertionType);
    }

    /**
     * The {@code client_assertion}.
     *
     * @return the assertion; empty unless this is an {@link #assertion}
     */
    public Optional<String> assertion() {
        return Optional.ofNullable(assertion);
    }

    @Override
    public String toString() {
        return "ClientCredential[" + presentation + ", client_id=" + Identifiers.forLog(clientId)
                + (secret != null ? ", secret" : "") + (assertionType != null ? ", " + Identifiers.forLog(assertionType) : "")
                + "]";
    }
}
