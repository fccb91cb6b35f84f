package dev.lanyard.auth.servlet;

import dev.lanyard.auth.InvalidClientException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientCredential;
import dev.lanyard.auth.servlet.internal.HttpException;
import dev.lanyard.auth.servlet.internal.HttpSyntax;
import dev.lanyard.auth.servlet.internal.Requests;
import dev.lanyard.auth.servlet.internal.Responses;
import dev.lanyard.auth.servlet.internal.RoutedEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Trades a client's credentials for a client code ({@link TokenService#issueClientCode}): {@code POST}
 * with HTTP Basic {@code client_id:secret} (each form-urlencoded, as RFC 6749 section 2.3.1 and the
 * {@link TokenEndpoint} read them) answers 200 with a single-use, short-lived authorization code about
 * the client, which a {@link TokenEndpoint} then exchanges for tokens.
 *
 * <pre>{@code
 * // POST /authorization/connect  Authorization: Basic ...  ->  200 {"Authorization Code": "..."}
 * ClientCodeEndpoint connect = ClientCodeEndpoint.builder(tokenService)
 *         .codeField("Authorization Code")
 *         .build();
 * context.addServlet("connect", connect).addMapping("/authorization/connect");
 * }</pre>
 *
 * <p>The client is authenticated by the token service, with its throttle (429 with {@code Retry-After}
 * while an address is locked out) and constant-time secret checks; missing or bad credentials are a 401
 * with {@code WWW-Authenticate: Basic realm="..."} and an {@code invalid_client} body. The client must be
 * confidential and allowed the authorization_code grant ({@code unauthorized_client}, 400). An optional
 * form body may carry {@code scope} (within the client's scopes; all of them when absent); other
 * parameters are ignored, a parameter given twice is a 400, a body over 8 KiB a 413, another content type
 * a 415. Answers carry {@code Cache-Control: no-store}.
 */
public final class ClientCodeEndpoint extends RoutedEndpoint {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 8 * 1024;

    private final transient TokenService tokens;
    /** The member of the answer holding the code. */
    private final String codeField;
    /** The realm of the Basic challenge. */
    private final String realm;

    private ClientCodeEndpoint(Builder b) {
        super(b.errors != null ? b.errors : ErrorWriter.json(ErrorStatuses.rfc6749()));
        this.tokens = b.tokens;
        this.codeField = b.codeField;
        this.realm = b.realm;
    }

    /** Clients authenticate here with HTTP Basic. */
    @Override
    protected String challenge() {
        return "Basic realm=\"" + realm + "\"";
    }

    @Override
    protected int maxBodyBytes() {
        return MAX_BODY;
    }

    /**
     * Starts an endpoint that trades a client's credentials for a client code.
     *
     * @param tokens the service that authenticates the client and issues the code
     * @return a builder with the defaults: field {@code code}, realm {@code lanyard}
     * @throws NullPointerException when {@code tokens} is null
     */
    public static Builder builder(TokenService tokens) {
        return new Builder(Objects.requireNonNull(tokens, "tokens"));
    }

    @Override
    protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getMethod().equals("POST")) {
            response.setHeader("Allow", "POST");
            throw new HttpException(405, OAuthError.INVALID_REQUEST, "use POST");
        }
        String type = Requests.mediaType(request);
        String body = Requests.body(request, MAX_BODY);
        if (!type.equals(Requests.FORM) && !body.isEmpty()) {
            throw new HttpException(415, OAuthError.INVALID_REQUEST, "the body must be " + Requests.FORM + " or empty");
        }
        Map<String, String> params = Requests.form(body);
        Optional<String[]> basic = Requests.basic(request);
        if (basic.isEmpty()) {
            throw new InvalidClientException("client authentication with HTTP Basic is required");
        }
        Client client = tokens.authenticateClient(ClientCredential.basic(basic.get()[0], basic.get()[1]),
                request.getRemoteAddr());
        String code = tokens.issueClientCode(client, params.get("scope"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(codeField, code);
        Responses.json(response, 200, answer);
    }

    /** Builds a {@link ClientCodeEndpoint}. */
    public static final class Builder {
        private final TokenService tokens;
        private String codeField = "code";
        private String realm = "lanyard";
        private ErrorWriter errors;

        private Builder(TokenService tokens) {
            this.tokens = tokens;
        }

        /**
         * The member of the answer holding the code; default {@code code}.
         *
         * @param name the JSON member name; not empty
         * @return this builder
         * @throws NullPointerException     when {@code name} is null
         * @throws IllegalArgumentException when it is empty
         */
        public Builder codeField(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("codeField must not be empty");
            }
            this.codeField = name;
            return this;
        }

        /**
         * The realm of {@code WWW-Authenticate: Basic}; default {@code lanyard}.
         *
         * @param realm the realm: printable ASCII without quotes or backslashes
         * @return this builder
         * @throws IllegalArgumentException when it is empty or not such a string
         */
        public Builder realm(String realm) {
            this.realm = HttpSyntax.realm(realm);
            return this;
        }

        /**
         * How failures are answered; default {@link ErrorWriter#json} over {@link ErrorStatuses#rfc6749()} (a refused client
         * 401, a locked-out one 429). To answer one
         * failure differently, pass a writer over that table with the entry replaced.
         *
         * @param errors the error writer
         * @return this builder
         * @throws IllegalStateException when it was already set
         */
        public Builder errors(ErrorWriter errors) {
            if (this.errors != null) {
                throw new IllegalStateException("errors was already set on this builder");
            }
            this.errors = Objects.requireNonNull(errors, "errors");
            return this;
        }

        /**
         * Builds the endpoint.
         *
         * @return the servlet, to be registered on the client-code path
         */
        public ClientCodeEndpoint build() {
            return new ClientCodeEndpoint(this);
        }
    }
}
