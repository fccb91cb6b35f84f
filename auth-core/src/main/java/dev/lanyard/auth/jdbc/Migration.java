package dev.lanyard.auth.jdbc;

import java.util.List;

/**
 * One numbered step of the schema. Its statements are DDL templates (see {@link Dialect#expand}) that
 * must be idempotent ({@code IF NOT EXISTS} and the like): on MariaDB and MySQL DDL cannot be rolled
 * back, so a step that failed halfway is simply run again.
 *
 * <p>To change the schema, append a step to {@link #ALL} with the next version number; never edit a
 * released one.
 */
record Migration(int version, String description, List<String> statements) {

    static final List<Migration> ALL = List.of(
            new Migration(1, "users, clients and client secrets", List.of(
                    """
                    CREATE TABLE IF NOT EXISTS lanyard_users (
                        id            VARCHAR(64) {exact} NOT NULL,
                        username      VARCHAR(128)  NOT NULL,
                        username_key  VARCHAR(512) {exact} NOT NULL,
                        password_hash VARCHAR(512),
                        enabled       BOOLEAN       NOT NULL,
                        email         VARCHAR(254),
                        first_name    VARCHAR(128),
                        last_name     VARCHAR(128),
                        lang          VARCHAR(16),
                        app_id        VARCHAR(128),
                        roles         VARCHAR(4000) NOT NULL,
                        scopes        VARCHAR(4000) NOT NULL,
                        CONSTRAINT lanyard_users_pk PRIMARY KEY (id),
                        CONSTRAINT lanyard_users_username_key_uq UNIQUE (username_key)
                    ){table}""",
                    """
                    CREATE TABLE IF NOT EXISTS lanyard_clients (
                        client_id                 VARCHAR(128) {exact} NOT NULL,
                        name                      VARCHAR(256),
                        confidential              BOOLEAN       NOT NULL,
                        enabled                   BOOLEAN       NOT NULL,
                        grants                    VARCHAR(4000) NOT NULL,
                        scopes                    VARCHAR(4000) NOT NULL,
                        redirect_uris             VARCHAR(4000) NOT NULL,
                        access_token_lifetime_ms  BIGINT,
                        refresh_token_lifetime_ms BIGINT,
                        app_id                    VARCHAR(128),
                        CONSTRAINT lanyard_clients_pk PRIMARY KEY (client_id)
                    ){table}""",
                    """
                    CREATE TABLE IF NOT EXISTS lanyard_client_secrets (
                        client_id  VARCHAR(128) {exact} NOT NULL,
                        secret_id  VARCHAR(64) {exact} NOT NULL,
                        hash       VARCHAR(512) NOT NULL,
                        created_at BIGINT       NOT NULL,
                        seq        INTEGER      NOT NULL,
                        CONSTRAINT lanyard_client_secrets_pk PRIMARY KEY (client_id, secret_id),
                        CONSTRAINT lanyard_client_secrets_client_fk FOREIGN KEY (client_id)
                            REFERENCES lanyard_clients (client_id) ON DELETE CASCADE
                    ){table}""")),
            new Migration(2, "refresh families and tokens, authorization codes, reference tokens, revoked access tokens",
                    List.of(
                    // Instants are epoch milliseconds; scopes one per line (TextList).
                    """
                    CREATE TABLE IF NOT EXISTS lanyard_refresh_families (
                        id         VARCHAR(64) {exact} NOT NULL,
                        client_id  VARCHAR(128) {exact} NOT NULL,
                        subject    VARCHAR(255) {exact} NOT NULL,
                        scopes     VARCHAR(4000) NOT NULL,
                        created_at BIGINT        NOT NULL,
                        expires_at BIGINT        NOT NULL,
                        auth_time  BIGINT        NOT NULL,
                        revoked    BOOLEAN       NOT NULL,
                        CONSTRAINT lanyard_refresh_families_pk PRIMARY KEY (id)
                        {index lanyard_refresh_families_subject_ix (subject)}
                        {index lanyard_refresh_families_client_ix (client_id)}
                        {index lanyard_refresh_families_expires_ix (expires_at)}
                    ){table}""",
                    "{index lanyard_refresh_families_subject_ix ON lanyard_refresh_families (subject)}",
                    "{index lanyard_refresh_families_client_ix ON lanyard_refresh_families (client_id)}",
                    "{index lanyard_refresh_families_expires_ix ON lanyard_refresh_families (expires_at)}",
                    """
                    CREATE TABLE IF NOT EXISTS lanyard_refresh_tokens (
                        digest            VARCHAR(64) {exact} NOT NULL,
                        family_id         VARCHAR(64) {exact} NOT NULL,
                        state             VARCHAR(16)  NOT NULL,
                        issued_at         BIGINT       NOT NULL,
                        idle_expires_at   BIGINT       NOT NULL,
                        rotated_at        BIGINT,
                        successor_digest  VARCHAR(64) {exact},
                        sealed_successor  {bytes},
                        access_token_id   VARCHAR(255) {exact},
                        access_expires_at BIGINT,
                        CONSTRAINT lanyard_refresh_tokens_pk PRIMARY KEY (digest),
                        CONSTRAINT lanyard_refresh_tokens_state_ck CHECK (state IN ('ACTIVE', 'ROTATED', 'REVOKED')),
                        CONSTRAINT lanyard_refresh_tokens_family_fk FOREIGN KEY (family_id)
                            REFERENCES lanyard_refresh_families (id) ON DELETE CASCADE
                        {index lanyard_refresh_tokens_family_ix (family_id)}
                        {index lanyard_refresh_tokens_idle_ix (idle_expires_at)}
                    ){table}""",
                    "{index lanyard_refresh_tokens_family_ix ON lanyard_refresh_tokens (family_id)}",
                    "{index lanyard_refresh_tokens_idle_ix ON lanyard_refresh_tokens (idle_expires_at)}",
                    """
                    CREATE TABLE IF NOT EXISTS lanyard_authorization_codes (
                        digest            VARCHAR(64) {exact} NOT NULL,
                        client_id         VARCHAR(128) {exact} NOT NULL,
                        subject           VARCHAR(255) {exact} NOT NULL,
                        redirect_uri      VARCHAR(4000) NOT NULL,
                        scopes            VARCHAR(4000) NOT NULL,
                        code_challenge    VARCHAR(128),
                        challenge_method  VARCHAR(16),
                        auth_time         BIGINT        NOT NULL,
                        expires_at        BIGINT        NOT NULL,
                        used              BOOLEAN       NOT NULL,
                        family_id         VARCHAR(64) {exact},
                        access_token_id   VARCHAR(255) {exact},
                        access_expires_at BIGINT,
                        CONSTRAINT lanyard_authorization_codes_pk PRIMARY KEY (digest)
                        {index lanyard_authorization_codes_expires_ix (expires_at)}
                    ){table}""",
                    "{index lanyard_authorization_codes_expires_ix ON lanyard_authorization_codes (expires_at)}",
                    """
                    CREATE TABLE IF NOT EXISTS lanyard_reference_tokens (
                        digest          VARCHAR(64) {exact} NOT NULL,
                        id              VARCHAR(255) {exact} NOT NULL,
                        client_id       VARCHAR(128) {exact} NOT NULL,
                        subject         VARCHAR(255) {exact} NOT NULL,
                        scopes          VARCHAR(4000) NOT NULL,
                        issued_at       BIGINT        NOT NULL,
                        idle_expires_at BIGINT        NOT NULL,
                        expires_at      BIGINT        NOT NULL,
                        CONSTRAINT lanyard_reference_tokens_pk PRIMARY KEY (digest)
                        {index lanyard_reference_tokens_subject_ix (subject)}
                        {index lanyard_reference_tokens_idle_ix (idle_expires_at)}
                        {index lanyard_reference_tokens_expires_ix (expires_at)}
                    ){table}""",
                    "{index lanyard_reference_tokens_subject_ix ON lanyard_reference_tokens (subject)}",
                    "{index lanyard_reference_tokens_idle_ix ON lanyard_reference_tokens (idle_expires_at)}",
                    "{index lanyard_reference_tokens_expires_ix ON lanyard_reference_tokens (expires_at)}",
                    """
                    CREATE TABLE IF NOT EXISTS lanyard_revoked_access_tokens (
                        jti        VARCHAR(255) {exact} NOT NULL,
                        expires_at BIGINT       NOT NULL,
                        CONSTRAINT lanyard_revoked_access_tokens_pk PRIMARY KEY (jti)
                        {index lanyard_revoked_access_tokens_expires_ix (expires_at)}
                    ){table}""",
                    "{index lanyard_revoked_access_tokens_expires_ix ON lanyard_revoked_access_tokens (expires_at)}")),
            new Migration(3, "the refresh family of a reference token, so that logout ends both", List.of(
                    "ALTER TABLE lanyard_reference_tokens ADD COLUMN IF NOT EXISTS family_id VARCHAR(64) {exact}")),
            new Migration(4, "client keys for private_key_jwt (jwks, jwks_uri, the auth method) and used assertion ids",
                    List.of(
                    // TEXT, not VARCHAR: MariaDB counts every VARCHAR towards its 65,535-byte row limit.
                    "ALTER TABLE lanyard_clients ADD COLUMN IF NOT EXISTS token_endpoint_auth_method VARCHAR(128)",
                    "ALTER TABLE lanyard_clients ADD COLUMN IF NOT EXISTS jwks TEXT",
                    "ALTER TABLE lanyard_clients ADD COLUMN IF NOT EXISTS jwks_uri VARCHAR(2000)",
                    """
                    CREATE TABLE IF NOT EXISTS lanyard_used_jtis (
                        issuer     VARCHAR(128) {exact} NOT NULL,
                        jti        VARCHAR(255) {exact} NOT NULL,
                        expires_at BIGINT       NOT NULL,
                        CONSTRAINT lanyard_used_jtis_pk PRIMARY KEY (issuer, jti)
                        {index lanyard_used_jtis_expires_ix (expires_at)}
                    ){table}""",
                    "{index lanyard_used_jtis_expires_ix ON lanyard_used_jtis (expires_at)}")),
            new Migration(5, "the key ring shared by the nodes: its version and issuer, and its sealed signing keys",
                    List.of(
                    // One row (id 1): the ring's version, the compare-and-set of every change; the issuer the
                    // nodes agreed on. Version 0: an issuer is recorded, no ring yet.
                    """
                    CREATE TABLE IF NOT EXISTS lanyard_key_ring (
                        id      INTEGER NOT NULL,
                        version BIGINT  NOT NULL,
                        issuer  VARCHAR(2000),
                        CONSTRAINT lanyard_key_ring_pk PRIMARY KEY (id)
                    ){table}""",
                    // The public JWK stays readable; the private one is sealed (AES-256-GCM) under the
                    // operator's key-encryption key, whose id (never the key) is kept beside it. drop_at:
                    // epoch milliseconds, null for no drop time. ring_version: the ring version the row belongs to.
                    """
                    CREATE TABLE IF NOT EXISTS lanyard_signing_keys (
                        kid            VARCHAR(255) {exact} NOT NULL,
                        seq            INTEGER      NOT NULL,
                        role           VARCHAR(16)  NOT NULL,
                        drop_at        BIGINT,
                        public_jwk     TEXT,
                        kek_id         VARCHAR(64)  NOT NULL,
                        sealed_private {bytes}      NOT NULL,
                        ring_version   BIGINT       NOT NULL,
                        CONSTRAINT lanyard_signing_keys_pk PRIMARY KEY (kid),
                        CONSTRAINT lanyard_signing_keys_role_ck CHECK (role IN ('ACTIVE', 'NEXT', 'RETIRING'))
                    ){table}""")),
            new Migration(6, "the login throttle's failure counts, lockouts and reservations, and rate-limit windows,"
                    + " shared by every node", List.of(
                    // Instants are epoch milliseconds, 0 for none; a row expired (expires_at) reads as a fresh key.
                    """
                    CREATE TABLE IF NOT EXISTS lanyard_throttle (
                        throttle_key   VARCHAR(255) {exact} NOT NULL,
                        failures       INTEGER      NOT NULL,
                        lockouts       INTEGER      NOT NULL,
                        locked_until   BIGINT       NOT NULL,
                        reserved       INTEGER      NOT NULL,
                        reserved_until BIGINT       NOT NULL,
                        expires_at     BIGINT       NOT NULL,
                        CONSTRAINT lanyard_throttle_pk PRIMARY KEY (throttle_key)
                        {index lanyard_throttle_expires_ix (expires_at)}
                    ){table}""",
                    "{index lanyard_throttle_expires_ix ON lanyard_throttle (expires_at)}",
                    """
                    CREATE TABLE IF NOT EXISTS lanyard_rate_windows (
                        window_key  VARCHAR(255) {exact} NOT NULL,
                        event_count BIGINT       NOT NULL,
                        expires_at  BIGINT       NOT NULL,
                        CONSTRAINT lanyard_rate_windows_pk PRIMARY KEY (window_key)
                        {index lanyard_rate_windows_expires_ix (expires_at)}
                    ){table}""",
                    "{index lanyard_rate_windows_expires_ix ON lanyard_rate_windows (expires_at)}")));

    /** Creates the table that records the schema version: one row, id 1. */
    static final String VERSION_TABLE = """
            CREATE TABLE IF NOT EXISTS lanyard_schema_version (
                id      INTEGER NOT NULL,
                version INTEGER NOT NULL,
                CONSTRAINT lanyard_schema_version_pk PRIMARY KEY (id)
            ){table}""";

    Migration {
        statements = List.copyOf(statements);
    }

    /** The version the newest step brings the schema to. */
    static int latest() {
        return ALL.get(ALL.size() - 1).version();
    }

    /** The step that follows {@code version}, or null when it is the latest. */
    static Migration after(int version) {
        for (Migration m : ALL) {
            if (m.version() == version + 1) {
                return m;
            }
        }
        return null;
    }
}
