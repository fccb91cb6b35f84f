package dev.lanyard.auth;

import dev.lanyard.auth.client.Client;

import java.util.List;

/**
 * Which authenticated client may introspect which access token. RFC 7662 section 4 leaves it to the
 * server; an introspection answer names the token's subject, username and scopes, so letting every
 * confidential client read every token would let any client learn about every user. A token the caller
 * may not see is answered {@code {"active": false}}, exactly as an unknown one (RFC 7662 section 2.2).
 *
 * <p>The {@linkplain #defaults() default}: a client may introspect the tokens issued to it and the tokens
 * whose {@code aud} names its client id; a client that holds the scope {@value #PERMISSION} among its
 * allowed scopes (a resource server) may introspect every token. Refresh tokens are described only to the
 * client that holds them, whatever the policy.
 *
 * <pre>{@code
 * // a resource server's registration (clients file):  supports: [lanyard:introspect]
 * TokenService tokens = TokenService.builder()
 *         ...
 *         .introspectionPolicy(IntrospectionPolicy.defaults())   // the default; or your own lambda
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface IntrospectionPolicy {

    /**
     * The scope that lets a client introspect every access token. It is registered like any other scope
     * ({@code supports: [lanyard:introspect]}); resource servers give it no meaning in a token.
     */
    String PERMISSION = "lanyard:introspect";

    /**
     * Whether {@code caller} may learn about an active access token.
     *
     * @param caller        the authenticated, confidential client asking
     * @param tokenClientId the client the token was issued to
     * @param tokenAudience the token's {@code aud}
     * @return true to describe the token; false answers {@code active: false}
     */
    boolean allows(Client caller, String tokenClientId, List<String> tokenAudience);

    /**
     * Tokens issued to the caller or whose {@code aud} names it; everything for a holder of {@link #PERMISSION}.
     *
     * @return the default policy
     */
    static IntrospectionPolicy defaults() {
        IntrospectionPolicy own = ownTokensOrAudience();
        return (caller, tokenClientId, audience) -> caller.scopes().contains(PERMISSION)
                || own.allows(caller, tokenClientId, audience);
    }

    /**
     * Only tokens issued to the caller or whose {@code aud} names it, with no client allowed everything.
     *
     * @return the policy that ignores {@link #PERMISSION}
     */
    static IntrospectionPolicy ownTokensOrAudience() {
        return (caller, tokenClientId, audience) -> caller.clientId().equals(tokenClientId)
                || audience.contains(caller.clientId());
    }

    /**
     * Every confidential client may introspect every access token (the behaviour before this policy
     * existed). Only for a deployment whose clients are all trusted resource servers.
     *
     * @return the policy that allows every caller
     */
    static IntrospectionPolicy anyConfidentialClient() {
        return (caller, tokenClientId, audience) -> true;
    }
}
