-- Issue #15 (BPM-02, decision 034): what clerks and supervisors add to a case while working its tasks. Kept with the
-- case (its business key), not in the engine's history: the engine's history cleanup must not take a case's comments,
-- verdicts and documents with it.

-- Comments on a task or on the case, co-approvers' verdicts, send-back reasons, delegation notes: the case timeline's
-- own entries. request_id makes a replayed API request harmless (one note per author and request id).
CREATE TABLE case_note (
    id                  VARCHAR2(36 CHAR)   NOT NULL PRIMARY KEY,
    case_ref            VARCHAR2(64 CHAR)   NOT NULL,
    process_instance_id VARCHAR2(64 CHAR)   NOT NULL,
    region_code         VARCHAR2(12 CHAR)   NOT NULL,
    task_id             VARCHAR2(64 CHAR),
    task_name           VARCHAR2(255 CHAR),
    kind                VARCHAR2(16 CHAR)   NOT NULL,
    author              VARCHAR2(64 CHAR)   NOT NULL,
    body                CLOB                NOT NULL,
    request_id          VARCHAR2(64 CHAR),
    created_at          TIMESTAMP           NOT NULL,
    CONSTRAINT uk_case_note_request UNIQUE (author, request_id)
);
CREATE INDEX ix_case_note_case ON case_note (process_instance_id, created_at);

-- Files attached to a task (PDF, PNG, JPEG by content, at most 4 MiB), stored with the case. Only those who may read
-- the case read them, each read audited (TaskAttachmentRead).
CREATE TABLE case_attachment (
    id                  VARCHAR2(36 CHAR)   NOT NULL PRIMARY KEY,
    case_ref            VARCHAR2(64 CHAR)   NOT NULL,
    process_instance_id VARCHAR2(64 CHAR)   NOT NULL,
    region_code         VARCHAR2(12 CHAR)   NOT NULL,
    task_id             VARCHAR2(64 CHAR)   NOT NULL,
    task_name           VARCHAR2(255 CHAR),
    file_name           VARCHAR2(255 CHAR)  NOT NULL,
    content_type        VARCHAR2(64 CHAR)   NOT NULL,
    size_bytes          NUMBER(10)          NOT NULL,
    sha256              VARCHAR2(64 CHAR)   NOT NULL,
    content             BLOB                NOT NULL,
    uploaded_by         VARCHAR2(64 CHAR)   NOT NULL,
    request_id          VARCHAR2(64 CHAR),
    uploaded_at         TIMESTAMP           NOT NULL,
    CONSTRAINT uk_case_attachment_request UNIQUE (uploaded_by, request_id)
);
CREATE INDEX ix_case_attachment_case ON case_attachment (process_instance_id, uploaded_at);
