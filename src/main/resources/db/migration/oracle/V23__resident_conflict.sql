-- Oracle twin of common/V23__resident_conflict.sql.
-- The resident-data conflict review (档案核实更正申请, issue #10 item 9, ORG-05): a centre of another region filed the
-- identity data it entered for a resident whose record belongs to region_code; the record's own centre reviews it.
-- The filed name is personal data, SM4-encrypted and bound to its row like the resident's (decisions 003, 022).
CREATE TABLE resident_conflict (
    case_no             VARCHAR2(32 CHAR)  NOT NULL PRIMARY KEY,
    resident_id         VARCHAR2(36 CHAR)  NOT NULL REFERENCES resident (id),
    -- set while the case is open, cleared when it is decided: one open case per resident (NULLs do not collide)
    open_resident_id    VARCHAR2(36 CHAR),
    region_code         CHAR(6 CHAR)       NOT NULL,
    filer_region_code   CHAR(6 CHAR)       NOT NULL,
    filer_institution   VARCHAR2(32 CHAR)  NOT NULL,
    filed_name_enc      VARCHAR2(400 CHAR) NOT NULL,
    filed_sex           VARCHAR2(1 CHAR)   NOT NULL,
    filed_ethnicity     VARCHAR2(2 CHAR)   NOT NULL,
    filed_birth_date    DATE               NOT NULL,
    reason              VARCHAR2(500 CHAR) NOT NULL,
    status              VARCHAR2(16 CHAR)  NOT NULL,
    process_instance_id VARCHAR2(64 CHAR),
    review_comment      VARCHAR2(500 CHAR),
    reviewed_by         VARCHAR2(64 CHAR),
    reviewed_at         TIMESTAMP,
    created_by          VARCHAR2(64 CHAR)  NOT NULL,
    created_at          TIMESTAMP          NOT NULL,
    updated_at          TIMESTAMP          NOT NULL,
    version             NUMBER(19)         NOT NULL,
    CONSTRAINT uk_resident_conflict_open UNIQUE (open_resident_id)
);
CREATE INDEX ix_resident_conflict_resident ON resident_conflict (resident_id);

CREATE SEQUENCE resident_conflict_no_seq START WITH 1 INCREMENT BY 1;
