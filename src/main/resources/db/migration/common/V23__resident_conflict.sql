-- The resident-data conflict review (档案核实更正申请, issue #10 item 9, ORG-05): a centre of another region filed the
-- identity data it entered for a resident whose record belongs to region_code; the record's own centre reviews it.
-- The filed name is personal data, SM4-encrypted and bound to its row like the resident's (decisions 003, 022);
-- sex, ethnicity and birth date are stored as the resident table stores them.
CREATE TABLE resident_conflict (
    case_no             VARCHAR(32)  NOT NULL PRIMARY KEY,
    resident_id         VARCHAR(36)  NOT NULL REFERENCES resident (id),
    -- set while the case is open, cleared when it is decided: one open case per resident
    open_resident_id    VARCHAR(36),
    region_code         CHAR(6)      NOT NULL,
    filer_region_code   CHAR(6)      NOT NULL,
    filer_institution   VARCHAR(32)  NOT NULL,
    filed_name_enc      VARCHAR(400) NOT NULL,
    filed_sex           VARCHAR(1)   NOT NULL,
    filed_ethnicity     VARCHAR(2)   NOT NULL,
    filed_birth_date    DATE         NOT NULL,
    reason              VARCHAR(500) NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    process_instance_id VARCHAR(64),
    review_comment      VARCHAR(500),
    reviewed_by         VARCHAR(64),
    reviewed_at         TIMESTAMP,
    created_by          VARCHAR(64)  NOT NULL,
    created_at          TIMESTAMP    NOT NULL,
    updated_at          TIMESTAMP    NOT NULL,
    version             BIGINT       NOT NULL,
    CONSTRAINT uk_resident_conflict_open UNIQUE (open_resident_id)
);
CREATE INDEX ix_resident_conflict_resident ON resident_conflict (resident_id);

CREATE SEQUENCE resident_conflict_no_seq START WITH 1 INCREMENT BY 1;
