-- Issue #15 (BPM-02, decision 034): what clerks and supervisors add to a case while working its tasks. Kept with the
-- case (its business key), not in the engine's history: the engine's history cleanup must not take a case's comments,
-- verdicts and documents with it.

-- Comments on a task or on the case, co-approvers' verdicts, send-back reasons, delegation notes: the case timeline's
-- own entries. request_id makes a replayed API request harmless (one note per author and request id). body holds the
-- user's text (at most 2000 characters) after a short prefix the service adds ("委派给 <name>：", "加签意见：不同意。",
-- "退回到「<step>」：" with a reason of at most 500), hence 2400.
CREATE TABLE case_note (
    id                  VARCHAR(36)   NOT NULL PRIMARY KEY,
    case_ref            VARCHAR(64)   NOT NULL,
    process_instance_id VARCHAR(64)   NOT NULL,
    region_code         VARCHAR(12)   NOT NULL,
    task_id             VARCHAR(64),
    task_name           VARCHAR(255),
    kind                VARCHAR(16)   NOT NULL,
    author              VARCHAR(64)   NOT NULL,
    body                VARCHAR(2400) NOT NULL,
    request_id          VARCHAR(64),
    created_at          TIMESTAMP     NOT NULL,
    CONSTRAINT uk_case_note_request UNIQUE (author, request_id)
);
CREATE INDEX ix_case_note_case ON case_note (process_instance_id, created_at);

-- Files attached to a task (PDF, PNG, JPEG by content, at most 4 MiB), stored with the case. Only those who may read
-- the case read them, each read audited (TaskAttachmentRead).
CREATE TABLE case_attachment (
    id                  VARCHAR(36)   NOT NULL PRIMARY KEY,
    case_ref            VARCHAR(64)   NOT NULL,
    process_instance_id VARCHAR(64)   NOT NULL,
    region_code         VARCHAR(12)   NOT NULL,
    task_id             VARCHAR(64)   NOT NULL,
    task_name           VARCHAR(255),
    file_name           VARCHAR(255)  NOT NULL,
    content_type        VARCHAR(64)   NOT NULL,
    size_bytes          INTEGER       NOT NULL,
    sha256              VARCHAR(64)   NOT NULL,
    content             BYTEA         NOT NULL,
    uploaded_by         VARCHAR(64)   NOT NULL,
    request_id          VARCHAR(64),
    uploaded_at         TIMESTAMP     NOT NULL,
    CONSTRAINT uk_case_attachment_request UNIQUE (uploaded_by, request_id)
);
CREATE INDEX ix_case_attachment_case ON case_attachment (process_instance_id, uploaded_at);
