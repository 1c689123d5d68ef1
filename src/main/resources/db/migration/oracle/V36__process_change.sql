-- Process administration (issue #15, decision 032): a change to a BPMN process as a reviewed case
-- (processes/process-change.bpmn). The submitted XML, the diff against the base version and the problems found at the
-- last check are kept with the case; the deployment it produced is recorded on approval.

CREATE TABLE process_change (
    id                  VARCHAR2(36 CHAR)   NOT NULL PRIMARY KEY,
    change_no           VARCHAR2(32 CHAR)   NOT NULL,
    process_key         VARCHAR2(100 CHAR)  NOT NULL,
    base_definition_id  VARCHAR2(100 CHAR)  NOT NULL,
    kind                VARCHAR2(16 CHAR)   NOT NULL,
    note                VARCHAR2(500 CHAR)  NOT NULL,
    xml                 CLOB          NOT NULL,
    diff                CLOB          NOT NULL,
    problems            CLOB          NOT NULL,
    status              VARCHAR2(16 CHAR)   NOT NULL,
    region_code         CHAR(6)       NOT NULL,
    submitted_by        VARCHAR2(64 CHAR)   NOT NULL,
    submitted_at        TIMESTAMP     NOT NULL,
    reviewed_by         VARCHAR2(64 CHAR),
    reviewed_at         TIMESTAMP,
    review_comment      VARCHAR2(500 CHAR),
    deployment_id       VARCHAR2(64 CHAR),
    definition_id       VARCHAR2(100 CHAR),
    updated_at          TIMESTAMP     NOT NULL,
    CONSTRAINT uq_process_change_no UNIQUE (change_no)
);
CREATE INDEX ix_process_change_key ON process_change (process_key, submitted_at);

CREATE SEQUENCE process_change_no_seq START WITH 1 INCREMENT BY 1;
