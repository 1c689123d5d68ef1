-- Oracle twin of common/V12__ehc_trust.sql (issue #10, decision 013): single use of dynamic QR codes in single-use
-- scenes, and the keyed name index of people without a resident record.
CREATE TABLE ehc_used_code (
    master_index_id CHAR(64 CHAR)     NOT NULL,
    validity        CHAR(32 CHAR)     NOT NULL,
    expires_at      TIMESTAMP         NOT NULL,
    used_at         TIMESTAMP         NOT NULL,
    terminal_id     VARCHAR2(64 CHAR) NOT NULL,
    scene           VARCHAR2(24 CHAR) NOT NULL,
    PRIMARY KEY (master_index_id, validity)
);
CREATE INDEX ix_ehc_used_code_exp ON ehc_used_code (expires_at);

ALTER TABLE ehc_account ADD (name_index VARCHAR2(64 CHAR));
