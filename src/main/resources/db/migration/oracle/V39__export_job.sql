-- Issue #16 (SUP-01..04, STAT-01, SEC-03; decision 038): exports of the supervision tables. Every export leaves a row:
-- a direct download (DIRECT) as well as a background job (QUEUED -> RUNNING -> DONE -> EXPIRED, or FAILED). A job runs
-- as the user who asked for it; its file lies in healthcard.export.folder until expires_at and is given to that user
-- only. The row stays after the file is gone: with case lists (personal data) it keeps the case numbers exported (up to
-- 10 000, one per line), whose SM3 the audit entry StatisticsExported carries. request_id makes a replayed API request
-- harmless (one job per user and request id). node: the application instance running the job (healthcard.export.node,
-- default the host name); when it starts again it ends its own jobs left open as FAILED, not those of other nodes.
CREATE TABLE export_job (
    id             VARCHAR2(36 CHAR)   NOT NULL PRIMARY KEY,
    username       VARCHAR2(64 CHAR)   NOT NULL,
    region_code    VARCHAR2(12 CHAR)   NOT NULL,
    screen         VARCHAR2(20 CHAR)   NOT NULL,
    measure        VARCHAR2(30 CHAR),
    format         VARCHAR2(8 CHAR)    NOT NULL,
    filter_json    VARCHAR2(2000 CHAR) NOT NULL,
    filter_summary VARCHAR2(2000 CHAR) NOT NULL,
    status         VARCHAR2(10 CHAR)   NOT NULL,
    rows_done      NUMBER(19)          NOT NULL,
    rows_total     NUMBER(19)          NOT NULL,
    file_path      VARCHAR2(500 CHAR),
    file_size      NUMBER(19),
    sm3            VARCHAR2(64 CHAR),
    error          VARCHAR2(500 CHAR),
    case_numbers   CLOB,
    request_id     VARCHAR2(64 CHAR),
    node           VARCHAR2(100 CHAR)  NOT NULL,
    created_at     TIMESTAMP           NOT NULL,
    started_at     TIMESTAMP,
    finished_at    TIMESTAMP,
    expires_at     TIMESTAMP,
    CONSTRAINT uk_export_job_request UNIQUE (username, request_id)
);
CREATE INDEX ix_export_job_user ON export_job (username, created_at);
CREATE INDEX ix_export_job_status ON export_job (status, expires_at);
