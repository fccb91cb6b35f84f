package dev.lanyard.auth.refresh;

/**
 * A refresh token that had already been rotated was presented again: either it was stolen or the
 * client retried outside the grace window. The whole family has been revoked, refresh and access
 * tokens alike, and a {@link dev.lanyard.auth.event.AuthEvent.RefreshTokenReused} event raised.
 *
 * <pre>{@code
 * catch (RefreshTokenReusedException e) {
 *     log.warn("refresh token reuse in family {}", e.familyId());
 * }
 * }</pre>
 */
public class RefreshTokenReusedException extends InvalidRefreshTokenException {

    private static final long serialVersionUID = 1L;

    /** The revoked family. */
    private final String familyId;

    /**
     * Reports a rotated refresh token used again; its family has been revoked.
     *
     * @param familyId the id of the revoked family, safe to log
     */
    public RefreshTokenReusedException(String familyId) {
        super("the refresh token was already used; its family is revoked and the user must log in again");
        this.familyId = familyId;
    }

    /**
     * The revoked family.
     *
     * @return the family id, safe to log
     */
    public String familyId() {
        return familyId;
    }
}
