-- Process administration (issue #15, decision 032): a change to a BPMN process as a reviewed case
-- (processes/process-change.bpmn). The submitted XML, the diff against the base version and the problems found at the
-- last check are kept with the case; the deployment it produced is recorded on approval.

CREATE TABLE process_change (
    id                  VARCHAR(36)   NOT NULL PRIMARY KEY,
    change_no           VARCHAR(32)   NOT NULL,
    process_key         VARCHAR(100)  NOT NULL,
    base_definition_id  VARCHAR(100)  NOT NULL,
    kind                VARCHAR(16)   NOT NULL,
    note                VARCHAR(500)  NOT NULL,
    xml                 TEXT          NOT NULL,
    diff                TEXT          NOT NULL,
    problems            TEXT          NOT NULL,
    status              VARCHAR(16)   NOT NULL,
    region_code         CHAR(6)       NOT NULL,
    submitted_by        VARCHAR(64)   NOT NULL,
    submitted_at        TIMESTAMP     NOT NULL,
    reviewed_by         VARCHAR(64),
    reviewed_at         TIMESTAMP,
    review_comment      VARCHAR(500),
    deployment_id       VARCHAR(64),
    definition_id       VARCHAR(100),
    updated_at          TIMESTAMP     NOT NULL,
    CONSTRAINT uq_process_change_no UNIQUE (change_no)
);
CREATE INDEX ix_process_change_key ON process_change (process_key, submitted_at);

CREATE SEQUENCE process_change_no_seq START WITH 1 INCREMENT BY 1;
