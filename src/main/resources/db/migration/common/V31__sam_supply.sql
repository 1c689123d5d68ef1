-- SAM supply (issue #14, decision 031): SAM applications, the provinces' reports upward, the national production
-- plans, the orders to SAM makers with their answers; logistics carries a second item kind (SAM) beside cards.

ALTER TABLE stock_item ADD COLUMN item_kind VARCHAR(8) DEFAULT 'CARD' NOT NULL;
ALTER TABLE shipment ADD COLUMN item_kind VARCHAR(8) DEFAULT 'CARD' NOT NULL;
ALTER TABLE warehouse_movement ADD COLUMN item_kind VARCHAR(8) DEFAULT 'CARD' NOT NULL;
CREATE INDEX ix_stock_item_kind ON stock_item (item_kind, place_region);

CREATE TABLE sam_application (
    id                  VARCHAR(36)  NOT NULL PRIMARY KEY,
    application_no      VARCHAR(32)  NOT NULL,
    region_code         CHAR(6)      NOT NULL,
    province_code       CHAR(6)      NOT NULL,
    centre_code         VARCHAR(32)  NOT NULL,
    institution_code    VARCHAR(32)  NOT NULL,
    terminal_type       VARCHAR(16)  NOT NULL,
    quantity            INTEGER      NOT NULL,
    reason              VARCHAR(500) NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    review_comment      VARCHAR(500),
    reviewed_by         VARCHAR(64),
    reviewed_at         TIMESTAMP,
    report_no           VARCHAR(32),
    plan_no             VARCHAR(32),
    made_count          INTEGER      DEFAULT 0 NOT NULL,
    failed_count        INTEGER      DEFAULT 0 NOT NULL,
    process_instance_id VARCHAR(64),
    created_by          VARCHAR(64)  NOT NULL,
    created_at          TIMESTAMP    NOT NULL,
    updated_at          TIMESTAMP    NOT NULL,
    version             BIGINT       NOT NULL,
    CONSTRAINT uk_sam_application_no UNIQUE (application_no)
);
CREATE INDEX ix_sam_application_region ON sam_application (region_code, status);
CREATE INDEX ix_sam_application_report ON sam_application (report_no);

CREATE TABLE sam_report (
    report_no         VARCHAR(32)  NOT NULL PRIMARY KEY,
    province_code     CHAR(6)      NOT NULL,
    centre_code       VARCHAR(32)  NOT NULL,
    application_count INTEGER      NOT NULL,
    total_quantity    INTEGER      NOT NULL,
    plan_no           VARCHAR(32),
    created_by        VARCHAR(64)  NOT NULL,
    created_at        TIMESTAMP    NOT NULL,
    version           BIGINT       NOT NULL
);
CREATE INDEX ix_sam_report_province ON sam_report (province_code);

-- one application in one report only; one report in one plan only
CREATE TABLE sam_report_item (
    application_no VARCHAR(32) NOT NULL PRIMARY KEY,
    report_no      VARCHAR(32) NOT NULL
);
CREATE TABLE sam_plan_item (
    report_no VARCHAR(32) NOT NULL PRIMARY KEY,
    plan_no   VARCHAR(32) NOT NULL
);

CREATE TABLE sam_plan (
    plan_no           VARCHAR(32)  NOT NULL PRIMARY KEY,
    maker_code        VARCHAR(32)  NOT NULL,
    ordering_centre_code VARCHAR(32) NOT NULL,
    maker_credit_code VARCHAR(18)  NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    total_quantity    INTEGER      NOT NULL,
    created_by        VARCHAR(64)  NOT NULL,
    created_at        TIMESTAMP    NOT NULL,
    version           BIGINT       NOT NULL
);

CREATE TABLE sam_order (
    order_no        VARCHAR(40)  NOT NULL PRIMARY KEY,
    plan_no         VARCHAR(32)  NOT NULL,
    application_no  VARCHAR(32)  NOT NULL,
    maker_code      VARCHAR(32)  NOT NULL,
    receiver_code   VARCHAR(32)  NOT NULL,
    institution_code VARCHAR(32) NOT NULL,
    region_code     CHAR(6)      NOT NULL,
    quantity        INTEGER      NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL,
    last_error      VARCHAR(500),
    batch_no        VARCHAR(32),
    made_count      INTEGER      DEFAULT 0 NOT NULL,
    failed_count    INTEGER      DEFAULT 0 NOT NULL,
    shipment_no     VARCHAR(32),
    ordered_at      TIMESTAMP    NOT NULL,
    answered_at     TIMESTAMP,
    next_attempt_at TIMESTAMP    NOT NULL,
    claimed_at      TIMESTAMP,
    version         BIGINT       NOT NULL,
    CONSTRAINT uk_sam_order_application UNIQUE (application_no)
);
CREATE INDEX ix_sam_order_status ON sam_order (status, next_attempt_at);

-- the maker's answers, kept as received before they are applied; one per order (a replay is not a second set)
CREATE TABLE sam_maker_answer (
    order_no     VARCHAR(40)  NOT NULL PRIMARY KEY,
    batch_no     VARCHAR(32)  NOT NULL,
    maker_code   VARCHAR(32)  NOT NULL,
    made_count   INTEGER      NOT NULL,
    failed_count INTEGER      NOT NULL,
    sam_numbers  TEXT         NOT NULL,
    received_at  TIMESTAMP    NOT NULL
);

CREATE SEQUENCE sam_application_no_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE sam_report_no_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE sam_plan_no_seq START WITH 1 INCREMENT BY 1;
