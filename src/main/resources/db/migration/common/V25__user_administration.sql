-- User administration, password policy and the two-person rule (issue #12 SEC-01, docs/decisions/024-user-administration.md).
-- Portable SQL (H2 and PostgreSQL); the Oracle twin is oracle/V25__user_administration.sql.

-- Optimistic locking (two admins changing one user: the second gets 409), the password's age (expiry) and the forced
-- change at the next sign-in (a user an admin created, or whose password an admin reset). Existing rows: changed now.
ALTER TABLE app_user ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE app_user ADD COLUMN must_change_password BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE app_user ADD COLUMN password_changed_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL;
ALTER TABLE app_user ADD COLUMN created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL;
ALTER TABLE app_user ADD COLUMN updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL;

-- The hashes of a user's earlier passwords (DelegatingPasswordEncoder); the last N are refused as a new password.
CREATE TABLE app_user_password_history (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL REFERENCES app_user (username),
    password_hash VARCHAR(200) NOT NULL,
    changed_at    TIMESTAMP    NOT NULL
);
CREATE INDEX ix_password_history_user ON app_user_password_history (username, changed_at);

-- Changes under the two-person rule (creating a KEY_ADMIN or AUDITOR, granting or removing either role, disabling or
-- enabling such a user): requested by one admin, applied only when a second admin approves. The change itself as JSON.
CREATE TABLE user_pending_change (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    username     VARCHAR(64)   NOT NULL,
    kind         VARCHAR(16)   NOT NULL,
    change_data  VARCHAR(2000) NOT NULL,
    summary      VARCHAR(500)  NOT NULL,
    region_code  VARCHAR(6)    NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    requested_by VARCHAR(64)   NOT NULL,
    requested_at TIMESTAMP     NOT NULL,
    decided_by   VARCHAR(64),
    decided_at   TIMESTAMP,
    reason       VARCHAR(500),
    version      BIGINT        NOT NULL
);
CREATE INDEX ix_user_pending_change_status ON user_pending_change (status, requested_at);
