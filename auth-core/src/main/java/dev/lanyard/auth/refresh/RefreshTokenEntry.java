package dev.lanyard.auth.refresh;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One refresh token as stored: never the token itself, only its SHA-256 digest. When the token is
 * rotated, the entry records its successor and, sealed under a key only the token's holder can derive,
 * the successor pair (so that a retry within the grace window gets the same pair back without the
 * store ever holding a usable token).
 *
 * @param digest            base64url SHA-256 of the token
 * @param familyId          the family it belongs to
 * @param issuedAt          when it was issued
 * @param idleExpiresAt     when it dies if not used (never after the family's absolute expiry)
 * @param state             active, rotated or revoked
 * @param rotatedAt         when it was rotated (null while active)
 * @param successorDigest   the digest of the token that replaced it (null while active)
 * @param sealedSuccessor   the successor pair, encrypted under a key derived from this token (null while active)
 * @param accessTokenId     the jti of the access token issued with it, revoked with the family
 * @param accessExpiresAt   that access token's expiry (how long its revocation must be remembered)
 */
public record RefreshTokenEntry(String digest, String familyId, Instant issuedAt, Instant idleExpiresAt, State state,
                                Instant rotatedAt, String successorDigest, byte[] sealedSuccessor,
                                String accessTokenId, Instant accessExpiresAt) {

    /** The life of a refresh token: only an active token can be rotated, and only once. */
    public enum State {
        /** Issued and not used yet: the only state that can be rotated. */
        ACTIVE,
        /** Used once and replaced by its successor; using it again is reuse. */
        ROTATED,
        /** Revoked with its family. */
        REVOKED
    }

    /**
     * Checks the required components and copies the sealed successor.
     *
     * @param digest          base64url SHA-256 of the token
     * @param familyId        the family it belongs to
     * @param issuedAt        when it was issued
     * @param idleExpiresAt   when it dies if not used (never after the family's absolute expiry)
     * @param state           active, rotated or revoked
     * @param rotatedAt       when it was rotated (null while active)
     * @param successorDigest the digest of the token that replaced it (null while active)
     * @param sealedSuccessor the successor pair, encrypted under a key derived from this token (null while active)
     * @param accessTokenId   the jti of the access token issued with it, revoked with the family
     * @param accessExpiresAt that access token's expiry (how long its revocation must be remembered)
     * @throws NullPointerException when the digest, family id, issue time, idle expiry or state is null
     */
    public RefreshTokenEntry {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(idleExpiresAt, "idleExpiresAt");
        Objects.requireNonNull(state, "state");
        sealedSuccessor = sealedSuccessor == null ? null : sealedSuccessor.clone();
    }

    /**
     * A fresh active entry.
     *
     * @param digest          base64url SHA-256 of the token
     * @param familyId        the family it belongs to
     * @param issuedAt        when it was issued
     * @param idleExpiresAt   when it dies if not used
     * @param accessTokenId   the jti of the access token issued with it
     * @param accessExpiresAt that access token's expiry
     * @return an {@link State#ACTIVE ACTIVE} entry without successor
     */
    public static RefreshTokenEntry active(String digest, String familyId, Instant issuedAt, Instant idleExpiresAt,
                                           String accessTokenId, Instant accessExpiresAt) {
        return new RefreshTokenEntry(digest, familyId, issuedAt, idleExpiresAt, State.ACTIVE, null, null, null,
                accessTokenId, accessExpiresAt);
    }

    /**
     * The successor pair, encrypted under a key derived from this token.
     *
     * @return a copy of the sealed bytes; null while active
     */
    @Override
    public byte[] sealedSuccessor() {
        return sealedSuccessor == null ? null : sealedSuccessor.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RefreshTokenEntry e && digest.equals(e.digest) && familyId.equals(e.familyId)
                && issuedAt.equals(e.issuedAt) && idleExpiresAt.equals(e.idleExpiresAt) && state == e.state
                && Objects.equals(rotatedAt, e.rotatedAt) && Objects.equals(successorDigest, e.successorDigest)
                && Arrays.equals(sealedSuccessor, e.sealedSuccessor) && Objects.equals(accessTokenId, e.accessTokenId)
                && Objects.equals(accessExpiresAt, e.accessExpiresAt);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "RefreshTokenEntry[digest=" + digest.substring(0, Math.min(8, digest.length())) + "…, family=" + familyId
                + ", state=" + state + "]";
    }
}
