package dev.lanyard.auth.examples.customgrant;

import dev.lanyard.auth.InvalidGrantException;
import dev.lanyard.auth.InvalidRequestException;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.grant.GrantContext;
import dev.lanyard.auth.grant.GrantHandler;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserStore;

import java.util.Objects;

/**
 * A grant written outside Lanyard through its {@link GrantHandler} SPI: a client trades a user's
 * one-time sign-in code ({@link SignInCodes}) for tokens about that user, at the ordinary token endpoint.
 *
 * <pre>{@code
 * TokenService tokens = TokenService.builder()
 *         ...
 *         .grant(new SignInCodeGrant(codes))
 *         .build();
 * // POST /oauth2/token  grant_type=urn:example:grant-type:sign-in-code&code=...   (client authenticated as usual)
 * }</pre>
 *
 * <p>Lanyard authenticates the client first and checks that the client lists the grant type; the grant
 * only reads its parameter, finds the user, and issues through the context, which mints as the service
 * is configured (JWT or reference token, refresh family, id_token, event). This class and the one
 * {@code grant(..)} call are all a new grant takes.
 */
public final class SignInCodeGrant implements GrantHandler {

    /** The grant type: an absolute URI, as RFC 6749 section 4.5 asks of extension grants. */
    public static final String GRANT_TYPE = "urn:example:grant-type:sign-in-code";

    private final SignInCodes codes;

    /**
     * The grant over an application's codes.
     *
     * @param codes where the codes the users received are kept
     */
    public SignInCodeGrant(SignInCodes codes) {
        this.codes = Objects.requireNonNull(codes, "codes");
    }

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public TokenResponse handle(GrantContext context, TokenRequest request, Client client) {
        String code = request.parameter("code").filter(c -> !c.isEmpty())
                .orElseThrow(() -> new InvalidRequestException("the parameter 'code' is required"));
        UserStore users = context.users()
                .orElseThrow(() -> new IllegalStateException("the sign-in code grant needs a service with users"));
        User user = codes.redeem(code).flatMap(users::findById).filter(User::enabled)
                .orElseThrow(() -> new InvalidGrantException("the sign-in code is unknown, used or expired"));
        return context.issue(client)
                .user(user)
                .scopes(context.scopes(request.scope().orElse(null), context.scopesForUser(client.scopes(), user.scopes())))
                .refreshToken(true)
                .issue();
    }
}
