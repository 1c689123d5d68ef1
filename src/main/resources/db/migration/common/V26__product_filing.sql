-- Manufacturer and product filing (生产单位及产品备案, issue #12, FIL-01..03; decision 025).
-- A manufacturer (enterprise) applies, through its machine client (api_client_id binds the client to it) or at the
-- national centre's desk, for the filing of a product; the national centre reviews it (processes/manufacturer-filing.bpmn);
-- an approved filing has a filing number and a validity period and is in the filed-products catalogue until it lapses
-- or is revoked. Attachments (certificates, test reports) are kept in the database with their SM3 hash.
CREATE TABLE filing_manufacturer (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    name            VARCHAR(100) NOT NULL,
    credit_code     CHAR(18)     NOT NULL,
    provider_types  VARCHAR(100) NOT NULL,
    contact_name    VARCHAR(50)  NOT NULL,
    contact_phone   VARCHAR(30)  NOT NULL,
    api_client_id   VARCHAR(64),
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP    NOT NULL,
    updated_at      TIMESTAMP    NOT NULL,
    version         BIGINT       NOT NULL,
    CONSTRAINT uk_filing_manufacturer_credit UNIQUE (credit_code),
    CONSTRAINT uk_filing_manufacturer_client UNIQUE (api_client_id)
);

CREATE TABLE product_filing (
    id                  VARCHAR(36)  NOT NULL PRIMARY KEY,
    case_no             VARCHAR(32)  NOT NULL,
    filing_no           VARCHAR(32),
    manufacturer_id     VARCHAR(36)  NOT NULL REFERENCES filing_manufacturer (id),
    product_type        VARCHAR(16)  NOT NULL,
    model               VARCHAR(64)  NOT NULL,
    product_version     VARCHAR(32)  NOT NULL,
    description         VARCHAR(500),
    channel             VARCHAR(8)   NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    valid_from          DATE,
    valid_until         DATE,
    reminded_at         TIMESTAMP,
    review_comment      VARCHAR(500),
    reviewed_by         VARCHAR(64),
    reviewed_at         TIMESTAMP,
    revoke_reason       VARCHAR(500),
    revoked_by          VARCHAR(64),
    revoked_at          TIMESTAMP,
    process_instance_id VARCHAR(64),
    created_by          VARCHAR(64)  NOT NULL,
    created_at          TIMESTAMP    NOT NULL,
    updated_at          TIMESTAMP    NOT NULL,
    version             BIGINT       NOT NULL,
    CONSTRAINT uk_product_filing_case UNIQUE (case_no),
    CONSTRAINT uk_product_filing_no UNIQUE (filing_no)
);
CREATE INDEX ix_product_filing_model ON product_filing (product_type, model);
CREATE INDEX ix_product_filing_manufacturer ON product_filing (manufacturer_id);

-- Who completed and resubmitted an application after a send-back: none of them, nor its submitter, may review it.
CREATE TABLE product_filing_editor (
    filing_id   VARCHAR(36)  NOT NULL REFERENCES product_filing (id),
    username    VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_product_filing_editor PRIMARY KEY (filing_id, username)
);

-- content_b64: the file as Base64 (portable across H2, PostgreSQL and Oracle CLOB); at most 5 MiB of bytes.
CREATE TABLE filing_attachment (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    filing_id     VARCHAR(36)  NOT NULL REFERENCES product_filing (id),
    kind          VARCHAR(16)  NOT NULL,
    file_name     VARCHAR(100) NOT NULL,
    content_type  VARCHAR(32)  NOT NULL,
    size_bytes    INTEGER      NOT NULL,
    sm3           CHAR(64)     NOT NULL,
    content_b64   TEXT         NOT NULL,
    uploaded_by   VARCHAR(64)  NOT NULL,
    uploaded_at   TIMESTAMP    NOT NULL
);
CREATE INDEX ix_filing_attachment_filing ON filing_attachment (filing_id);

-- Products in use (FIL-03): which filed products a centre actually uses, rolled up by region.
CREATE TABLE filing_in_use (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    filing_id        VARCHAR(36)  NOT NULL REFERENCES product_filing (id),
    institution_code VARCHAR(32)  NOT NULL,
    region_code      CHAR(6)      NOT NULL,
    in_use_since     DATE         NOT NULL,
    quantity         INTEGER      NOT NULL,
    notes            VARCHAR(200),
    created_by       VARCHAR(64)  NOT NULL,
    created_at       TIMESTAMP    NOT NULL,
    CONSTRAINT uk_filing_in_use UNIQUE (filing_id, institution_code)
);
CREATE INDEX ix_filing_in_use_region ON filing_in_use (region_code);

CREATE SEQUENCE filing_case_no_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE filing_no_seq START WITH 1 INCREMENT BY 1;

-- Terminal registration names a filed terminal model (FIL-01): the model, its filing number and manufacturer as they
-- were at registration. Terminals registered before filing existed keep NULL.
ALTER TABLE ehc_terminal ADD COLUMN terminal_model VARCHAR(64);
ALTER TABLE ehc_terminal ADD COLUMN terminal_filing_no VARCHAR(32);
ALTER TABLE ehc_terminal ADD COLUMN terminal_manufacturer VARCHAR(100);
