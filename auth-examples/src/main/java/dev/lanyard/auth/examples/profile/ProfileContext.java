package dev.lanyard.auth.examples.profile;

import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.admin.ClientAdmin;
import dev.lanyard.auth.admin.Sessions;
import dev.lanyard.auth.admin.UserAdmin;
import dev.lanyard.auth.examples.DataDir;
import dev.lanyard.auth.user.UserStore;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a {@link Profile} configures against: the data directory, the admin operations, the settings
 * given on the command line, and (once built) the token service.
 *
 * <pre>{@code
 * public void register(ServletContext servlets, ProfileContext ctx) {
 *     servlets.addServlet("login", new LoginEndpoint(ctx.tokens(), ctx.users(), config)).addMapping("/login");
 * }
 * }</pre>
 *
 * @param sessions         ends a user's or client's sessions, over the token service's own token-state
 *                         stores (the same revocation list, so a revocation is seen at once)
 * @param sessionTimeout   the idle timeout of opaque session tokens ({@code --session-timeout})
 * @param allowedRedirects the redirect targets a login endpoint may send tokens to
 */
public record ProfileContext(DataDir data, UserStore users, UserAdmin userAdmin, ClientAdmin clientAdmin,
                             Sessions sessions, Duration sessionTimeout, List<String> allowedRedirects, Supplier<TokenService> tokenService) {

    public ProfileContext {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(userAdmin, "userAdmin");
        Objects.requireNonNull(clientAdmin, "clientAdmin");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        allowedRedirects = List.copyOf(allowedRedirects);
        Objects.requireNonNull(tokenService, "tokenService");
    }

    /** The token service; available in {@link Profile#register}, not yet in {@link Profile#configure}. */
    public TokenService tokens() {
        return Objects.requireNonNull(tokenService.get(), "the token service is built after configure(..)");
    }
}
