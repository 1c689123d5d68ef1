-- Machine clients of the integration API (OAuth 2 client credentials) and the key that signs their access tokens
-- (docs/decisions/020-oauth2-client-credentials.md, issue #10 defect 4).
-- Oracle twin of common/V15__oauth2_clients.sql.

-- A regional platform, terminal software, a financial system, another level's system: client id, the hash of its
-- secret (DelegatingPasswordEncoder, e.g. {bcrypt}…; the secret itself is shown once), the API groups it may call
-- (scopes, space-separated) and the institution it acts for (its region scopes what it sees, as for a person).
CREATE TABLE api_client (
    client_id         VARCHAR2(64 CHAR)  NOT NULL PRIMARY KEY,
    name              VARCHAR2(100 CHAR) NOT NULL,
    secret_hash       VARCHAR2(200 CHAR) NOT NULL,
    scopes            VARCHAR2(300 CHAR) NOT NULL,
    institution_code  VARCHAR2(32 CHAR)  NOT NULL REFERENCES institution (code),
    enabled           NUMBER(1)    NOT NULL CHECK (enabled IN (0, 1)),
    -- created by the demo data loader; the prod profile refuses to start while any exists
    demo              NUMBER(1)    NOT NULL CHECK (demo IN (0, 1)),
    created_at        TIMESTAMP    NOT NULL,
    created_by        VARCHAR2(64 CHAR)  NOT NULL,
    secret_changed_at TIMESTAMP    NOT NULL,
    updated_at        TIMESTAMP    NOT NULL,
    version           NUMBER(19)      NOT NULL
);

-- The key pair that signs the access tokens (JWS RS256), shared by every node through the database; generated once
-- by the first node that starts without one. Base64 of the X.509 public key and the PKCS#8 private key.
CREATE TABLE oauth_signing_key (
    kid         VARCHAR2(64 CHAR)   NOT NULL PRIMARY KEY,
    algorithm   VARCHAR2(16 CHAR)   NOT NULL,
    public_key  VARCHAR2(1000 CHAR) NOT NULL,
    private_key VARCHAR2(4000 CHAR) NOT NULL,
    created_at  TIMESTAMP     NOT NULL
);

-- The demo account `platform` was a CLERK person; it is now the demo machine client of the same name. A database of
-- an earlier demo run keeps the person row disabled: it no longer signs in to the UI.
UPDATE app_user SET enabled = 0 WHERE username = 'platform' AND demo = 1;
