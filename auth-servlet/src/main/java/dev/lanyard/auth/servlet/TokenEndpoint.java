package dev.lanyard.auth.servlet;

import dev.lanyard.auth.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.servlet.internal.ClientCredentials;
import dev.lanyard.auth.servlet.internal.EndpointServlet;
import dev.lanyard.auth.servlet.internal.HttpException;
import dev.lanyard.auth.servlet.internal.Requests;
import dev.lanyard.auth.servlet.internal.Responses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The RFC 6749 token endpoint: {@code POST}, form-encoded (and JSON where configured), client
 * authentication by {@code client_secret_basic} or {@code client_secret_post} (never both), every
 * grant of the {@link TokenService}. Responses carry {@code Cache-Control: no-store} and
 * {@code Pragma: no-cache}; errors are RFC 6749 section 5.2 bodies, and {@code invalid_client} after a
 * Basic header is a 401 with {@code WWW-Authenticate: Basic}.
 *
 * <pre>{@code
 * context.addServlet("token", new TokenEndpoint(tokenService, TokenEndpointConfig.standard()))
 *        .addMapping("/oauth2/token");
 * }</pre>
 *
 * <p>{@link TokenEndpointConfig} reproduces non-standard token APIs by configuration: JSON bodies,
 * renamed request and response fields, a fixed grant type, a server-side first-party client.
 */
public final class TokenEndpoint extends EndpointServlet {

    private static final long serialVersionUID = 1L;

    private final transient TokenService tokens;
    private final transient TokenEndpointConfig config;

    /**
     * Serves the token endpoint of this service.
     *
     * @param tokens the service that runs the grants
     * @param config the grants, parameter names and answers of this endpoint
     * @throws NullPointerException when an argument is null
     */
    public TokenEndpoint(TokenService tokens, TokenEndpointConfig config) {
        super(Objects.requireNonNull(config, "config").errors());
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Every 401 (a refused client however it authenticated, a status configured as 401) challenges Basic. */
    @Override
    protected String challenge() {
        return "Basic realm=\"" + config.realm() + "\"";
    }

    @Override
    protected int maxBodyBytes() {
        return config.maxBodyBytes();
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!config.getAllowed()) {
            response.setHeader("Allow", "POST");
            Responses.error(response, 405, new InvalidRequestException("use POST"));
            return;
        }
        handle(request, response);
    }

    private void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Responses.noStore(response);
        Map<String, String> params = parameters(request);
        TokenRequest tokenRequest = toTokenRequest(request, params);
        boolean noClient = tokenRequest.credential().isEmpty();
        TokenResponse tokenResponse;
        if (noClient && config.codeIdentifiesClient()) {
            tokenResponse = tokens.redeemClientCode(tokenRequest);
        } else if (tokenRequest.clientId().isEmpty() && config.firstPartyClient().isPresent()) {
            tokenResponse = tokens.grantForFirstParty(tokenRequest, config.firstPartyClient().get());
        } else {
            tokenResponse = tokens.grant(tokenRequest);
        }
        Responses.json(response, config.successStatus(), config.render(tokenResponse));
    }

    private Map<String, String> parameters(HttpServletRequest request) throws IOException {
        String type = Requests.mediaType(request);
        String body = Requests.body(request, config.maxBodyBytes());
        Map<String, String> raw;
        if (type.equals(Requests.FORM) || (type.isEmpty() && body.isEmpty())) {
            raw = Requests.form(body);
        } else if (type.equals(Requests.JSON) && config.acceptsJson()) {
            raw = new LinkedHashMap<>();
            JsonNode json = Requests.json(body);
            for (var it = json.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                Requests.text(json, name).ifPresent(v -> raw.put(name, v));
            }
        } else {
            throw Requests.notForm(request, config.acceptsJson() ? Requests.FORM + " or " + Requests.JSON : Requests.FORM);
        }
        if (config.acceptsQuery()) {
            for (Map.Entry<String, String> q : Requests.query(request).entrySet()) {
                if (raw.putIfAbsent(q.getKey(), q.getValue()) != null) {
                    throw new HttpException(400, OAuthError.INVALID_REQUEST, "the parameter '"
                            + Requests.printable(q.getKey()) + "' is given more than once");
                }
            }
        } else if (request.getQueryString() != null && !request.getQueryString().isEmpty()) {
            throw new HttpException(400, OAuthError.INVALID_REQUEST,
                    "credentials and tokens are never accepted in the query string; send them in the body");
        }
        return config.standardNames(raw);
    }

    private TokenRequest toTokenRequest(HttpServletRequest request, Map<String, String> p) {
        String grantType = config.fixedGrantType().orElse(p.get("grant_type"));
        if (grantType == null || grantType.isEmpty()) {
            throw new InvalidRequestException("the parameter 'grant_type' is required");
        }
        TokenRequest.Builder builder = TokenRequest.builder(grantType)
                .client(ClientCredentials.read(request, p, true).orElse(null))
                .remoteAddress(request.getRemoteAddr());
        p.forEach(builder::parameter);
        return builder                .build();
    }
}
