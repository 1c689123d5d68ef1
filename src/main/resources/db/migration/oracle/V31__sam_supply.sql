-- Oracle twin of common/V31__sam_supply.sql.
-- SAM supply (issue #14, decision 031): SAM applications, the provinces' reports upward, the national production
-- plans, the orders to SAM makers with their answers; logistics carries a second item kind (SAM) beside cards.

ALTER TABLE stock_item ADD (item_kind VARCHAR2(8 CHAR) DEFAULT 'CARD' NOT NULL);
ALTER TABLE shipment ADD (item_kind VARCHAR2(8 CHAR) DEFAULT 'CARD' NOT NULL);
ALTER TABLE warehouse_movement ADD (item_kind VARCHAR2(8 CHAR) DEFAULT 'CARD' NOT NULL);
CREATE INDEX ix_stock_item_kind ON stock_item (item_kind, place_region);

CREATE TABLE sam_application (
    id                  VARCHAR2(36 CHAR)  NOT NULL PRIMARY KEY,
    application_no      VARCHAR2(32 CHAR)  NOT NULL,
    region_code         CHAR(6 CHAR)      NOT NULL,
    province_code       CHAR(6 CHAR)      NOT NULL,
    centre_code         VARCHAR2(32 CHAR)  NOT NULL,
    institution_code    VARCHAR2(32 CHAR)  NOT NULL,
    terminal_type       VARCHAR2(16 CHAR)  NOT NULL,
    quantity            NUMBER(10)      NOT NULL,
    reason              VARCHAR2(500 CHAR) NOT NULL,
    status              VARCHAR2(16 CHAR)  NOT NULL,
    review_comment      VARCHAR2(500 CHAR),
    reviewed_by         VARCHAR2(64 CHAR),
    reviewed_at         TIMESTAMP,
    report_no           VARCHAR2(32 CHAR),
    plan_no             VARCHAR2(32 CHAR),
    made_count          NUMBER(10)      DEFAULT 0 NOT NULL,
    failed_count        NUMBER(10)      DEFAULT 0 NOT NULL,
    process_instance_id VARCHAR2(64 CHAR),
    created_by          VARCHAR2(64 CHAR)  NOT NULL,
    created_at          TIMESTAMP    NOT NULL,
    updated_at          TIMESTAMP    NOT NULL,
    version             NUMBER(19)       NOT NULL,
    CONSTRAINT uk_sam_application_no UNIQUE (application_no)
);
CREATE INDEX ix_sam_application_region ON sam_application (region_code, status);
CREATE INDEX ix_sam_application_report ON sam_application (report_no);

CREATE TABLE sam_report (
    report_no         VARCHAR2(32 CHAR)  NOT NULL PRIMARY KEY,
    province_code     CHAR(6 CHAR)      NOT NULL,
    centre_code       VARCHAR2(32 CHAR)  NOT NULL,
    application_count NUMBER(10)      NOT NULL,
    total_quantity    NUMBER(10)      NOT NULL,
    plan_no           VARCHAR2(32 CHAR),
    created_by        VARCHAR2(64 CHAR)  NOT NULL,
    created_at        TIMESTAMP    NOT NULL,
    version           NUMBER(19)       NOT NULL
);
CREATE INDEX ix_sam_report_province ON sam_report (province_code);

-- one application in one report only; one report in one plan only
CREATE TABLE sam_report_item (
    application_no VARCHAR2(32 CHAR) NOT NULL PRIMARY KEY,
    report_no      VARCHAR2(32 CHAR) NOT NULL
);
CREATE TABLE sam_plan_item (
    report_no VARCHAR2(32 CHAR) NOT NULL PRIMARY KEY,
    plan_no   VARCHAR2(32 CHAR) NOT NULL
);

CREATE TABLE sam_plan (
    plan_no           VARCHAR2(32 CHAR)  NOT NULL PRIMARY KEY,
    maker_code        VARCHAR2(32 CHAR)  NOT NULL,
    ordering_centre_code VARCHAR2(32 CHAR) NOT NULL,
    maker_credit_code VARCHAR2(18 CHAR)  NOT NULL,
    status            VARCHAR2(16 CHAR)  NOT NULL,
    total_quantity    NUMBER(10)      NOT NULL,
    created_by        VARCHAR2(64 CHAR)  NOT NULL,
    created_at        TIMESTAMP    NOT NULL,
    version           NUMBER(19)       NOT NULL
);

CREATE TABLE sam_order (
    order_no        VARCHAR2(40 CHAR)  NOT NULL PRIMARY KEY,
    plan_no         VARCHAR2(32 CHAR)  NOT NULL,
    application_no  VARCHAR2(32 CHAR)  NOT NULL,
    maker_code      VARCHAR2(32 CHAR)  NOT NULL,
    receiver_code   VARCHAR2(32 CHAR)  NOT NULL,
    institution_code VARCHAR2(32 CHAR) NOT NULL,
    region_code     CHAR(6 CHAR)      NOT NULL,
    quantity        NUMBER(10)      NOT NULL,
    status          VARCHAR2(16 CHAR)  NOT NULL,
    attempts        NUMBER(10)      NOT NULL,
    last_error      VARCHAR2(500 CHAR),
    batch_no        VARCHAR2(32 CHAR),
    made_count      NUMBER(10)      DEFAULT 0 NOT NULL,
    failed_count    NUMBER(10)      DEFAULT 0 NOT NULL,
    shipment_no     VARCHAR2(32 CHAR),
    ordered_at      TIMESTAMP    NOT NULL,
    answered_at     TIMESTAMP,
    next_attempt_at TIMESTAMP    NOT NULL,
    claimed_at      TIMESTAMP,
    version         NUMBER(19)       NOT NULL,
    CONSTRAINT uk_sam_order_application UNIQUE (application_no)
);
CREATE INDEX ix_sam_order_status ON sam_order (status, next_attempt_at);

-- the maker's answers, kept as received before they are applied; one per order (a replay is not a second set)
CREATE TABLE sam_maker_answer (
    order_no     VARCHAR2(40 CHAR)  NOT NULL PRIMARY KEY,
    batch_no     VARCHAR2(32 CHAR)  NOT NULL,
    maker_code   VARCHAR2(32 CHAR)  NOT NULL,
    made_count   NUMBER(10)      NOT NULL,
    failed_count NUMBER(10)      NOT NULL,
    sam_numbers  CLOB         NOT NULL,
    received_at  TIMESTAMP    NOT NULL
);

CREATE SEQUENCE sam_application_no_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE sam_report_no_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE sam_plan_no_seq START WITH 1 INCREMENT BY 1;
