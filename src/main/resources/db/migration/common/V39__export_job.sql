-- Issue #16 (SUP-01..04, STAT-01, SEC-03; decision 038): exports of the supervision tables. Every export leaves a row:
-- a direct download (DIRECT) as well as a background job (QUEUED -> RUNNING -> DONE -> EXPIRED, or FAILED). A job runs
-- as the user who asked for it; its file lies in healthcard.export.folder until expires_at and is given to that user
-- only. The row stays after the file is gone: with case lists (personal data) it keeps the case numbers exported (up to
-- 10 000, one per line), whose SM3 the audit entry StatisticsExported carries. request_id makes a replayed API request
-- harmless (one job per user and request id). node: the application instance running the job (healthcard.export.node,
-- default the host name); when it starts again it ends its own jobs left open as FAILED, not those of other nodes.
CREATE TABLE export_job (
    id             VARCHAR(36)   NOT NULL PRIMARY KEY,
    username       VARCHAR(64)   NOT NULL,
    region_code    VARCHAR(12)   NOT NULL,
    screen         VARCHAR(20)   NOT NULL,
    measure        VARCHAR(30),
    format         VARCHAR(8)    NOT NULL,
    filter_json    VARCHAR(2000) NOT NULL,
    filter_summary VARCHAR(2000) NOT NULL,
    status         VARCHAR(10)   NOT NULL,
    rows_done      BIGINT        NOT NULL,
    rows_total     BIGINT        NOT NULL,
    file_path      VARCHAR(500),
    file_size      BIGINT,
    sm3            VARCHAR(64),
    error          VARCHAR(500),
    case_numbers   TEXT,
    request_id     VARCHAR(64),
    node           VARCHAR(100)  NOT NULL,
    created_at     TIMESTAMP     NOT NULL,
    started_at     TIMESTAMP,
    finished_at    TIMESTAMP,
    expires_at     TIMESTAMP,
    CONSTRAINT uk_export_job_request UNIQUE (username, request_id)
);
CREATE INDEX ix_export_job_user ON export_job (username, created_at);
CREATE INDEX ix_export_job_status ON export_job (status, expires_at);
