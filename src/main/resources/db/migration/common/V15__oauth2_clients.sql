-- Machine clients of the integration API (OAuth 2 client credentials) and the key that signs their access tokens
-- (docs/decisions/020-oauth2-client-credentials.md, issue #10 defect 4).
-- Portable SQL (H2 and PostgreSQL); the Oracle twin is oracle/V15__oauth2_clients.sql.

-- A regional platform, terminal software, a financial system, another level's system: client id, the hash of its
-- secret (DelegatingPasswordEncoder, e.g. {bcrypt}…; the secret itself is shown once), the API groups it may call
-- (scopes, space-separated) and the institution it acts for (its region scopes what it sees, as for a person).
CREATE TABLE api_client (
    client_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    name              VARCHAR(100) NOT NULL,
    secret_hash       VARCHAR(200) NOT NULL,
    scopes            VARCHAR(300) NOT NULL,
    institution_code  VARCHAR(32)  NOT NULL REFERENCES institution (code),
    enabled           BOOLEAN      NOT NULL,
    -- created by the demo data loader; the prod profile refuses to start while any exists
    demo              BOOLEAN      NOT NULL,
    created_at        TIMESTAMP    NOT NULL,
    created_by        VARCHAR(64)  NOT NULL,
    secret_changed_at TIMESTAMP    NOT NULL,
    updated_at        TIMESTAMP    NOT NULL,
    version           BIGINT       NOT NULL
);

-- The key pair that signs the access tokens (JWS RS256), shared by every node through the database; generated once
-- by the first node that starts without one. Base64 of the X.509 public key and the PKCS#8 private key.
CREATE TABLE oauth_signing_key (
    kid         VARCHAR(64)   NOT NULL PRIMARY KEY,
    algorithm   VARCHAR(16)   NOT NULL,
    public_key  VARCHAR(1000) NOT NULL,
    private_key VARCHAR(4000) NOT NULL,
    created_at  TIMESTAMP     NOT NULL
);

-- The demo account `platform` was a CLERK person; it is now the demo machine client of the same name. A database of
-- an earlier demo run keeps the person row disabled: it no longer signs in to the UI.
UPDATE app_user SET enabled = FALSE WHERE username = 'platform' AND demo = TRUE;
