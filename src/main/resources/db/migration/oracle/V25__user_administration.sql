-- Oracle twin of common/V25__user_administration.sql (issue #12 SEC-01, docs/decisions/024-user-administration.md).
ALTER TABLE app_user ADD (
    version              NUMBER(19) DEFAULT 0 NOT NULL,
    must_change_password NUMBER(1)  DEFAULT 0 NOT NULL CHECK (must_change_password IN (0, 1)),
    password_changed_at  TIMESTAMP  DEFAULT CURRENT_TIMESTAMP NOT NULL,
    created_at           TIMESTAMP  DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP  DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE app_user_password_history (
    id            VARCHAR2(36 CHAR)  NOT NULL PRIMARY KEY,
    username      VARCHAR2(64 CHAR)  NOT NULL REFERENCES app_user (username),
    password_hash VARCHAR2(200 CHAR) NOT NULL,
    changed_at    TIMESTAMP          NOT NULL
);
CREATE INDEX ix_password_history_user ON app_user_password_history (username, changed_at);

CREATE TABLE user_pending_change (
    id           VARCHAR2(36 CHAR)   NOT NULL PRIMARY KEY,
    username     VARCHAR2(64 CHAR)   NOT NULL,
    kind         VARCHAR2(16 CHAR)   NOT NULL,
    change_data  VARCHAR2(2000 CHAR) NOT NULL,
    summary      VARCHAR2(500 CHAR)  NOT NULL,
    region_code  VARCHAR2(6 CHAR)    NOT NULL,
    status       VARCHAR2(16 CHAR)   NOT NULL,
    requested_by VARCHAR2(64 CHAR)   NOT NULL,
    requested_at TIMESTAMP           NOT NULL,
    decided_by   VARCHAR2(64 CHAR),
    decided_at   TIMESTAMP,
    reason       VARCHAR2(500 CHAR),
    version      NUMBER(19)          NOT NULL
);
CREATE INDEX ix_user_pending_change_status ON user_pending_change (status, requested_at);
