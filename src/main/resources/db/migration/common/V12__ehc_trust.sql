-- Issue #10 (decision 013): single use of dynamic QR codes in the scenes that allow no repeat (settlement by default),
-- and the keyed index of the full name of people registered only through an app or terminal.
-- Portable SQL (H2 and PostgreSQL); the Oracle twin is oracle/V12__ehc_trust.sql.

-- A dynamic code used in a single-use scene: the primary key decides across nodes and restarts. The validity is
-- encrypted under the e-card's own protection key, so (master index, validity) names one code. Rows are deleted
-- some time after the code expired (an expired code is refused as EXPIRED anyway).
CREATE TABLE ehc_used_code (
    master_index_id CHAR(64)    NOT NULL,
    validity        CHAR(32)    NOT NULL,
    expires_at      TIMESTAMP   NOT NULL,
    used_at         TIMESTAMP   NOT NULL,
    terminal_id     VARCHAR(64) NOT NULL,
    scene           VARCHAR(24) NOT NULL,
    PRIMARY KEY (master_index_id, validity)
);
CREATE INDEX ix_ehc_used_code_exp ON ehc_used_code (expires_at);

-- HMAC-SM3 keyed index of the full name (the resident module's name index, purpose resident.name) of a person without
-- a resident record, so that the personal query, QR issuance and a repeated registration compare the full name, not
-- its mask. NULL for accounts of residents (their record holds the index) and for accounts opened before V12.
ALTER TABLE ehc_account ADD COLUMN name_index VARCHAR(64);
