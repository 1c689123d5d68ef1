-- Oracle twin of common/V27__production_orders_plans_batches.sql.
-- Card production on the issuer's side (issue #13: APP-08, BPM-04, PER-01..05; decision 027).
-- An ORDER per approved case (unique on the case: a retried or doubled job never makes a second card), routed per desk:
-- INSTANT (the desk's own printer, per-card maker call) or BATCH (QUEUED until a supervisor's production PLAN takes it).
-- A submitted plan becomes BATCHES of at most healthcard.production.batch-size cards per maker, each with a sealed data
-- file (decision 026) in the maker's outbox. The maker's answers are persisted on arrival as RESULTS (unique per batch
-- and case) and applied by a retried job; errors per card go back to the issuer as ERROR records.
CREATE TABLE production_order (
    id               VARCHAR2(36 CHAR)  NOT NULL PRIMARY KEY,
    case_id          VARCHAR2(64 CHAR)  NOT NULL,
    resident_id      VARCHAR2(64 CHAR)  NOT NULL,
    region_code      CHAR(6 CHAR)      NOT NULL,
    desk_code        VARCHAR2(32 CHAR)  NOT NULL,
    route            VARCHAR2(8 CHAR)   NOT NULL,
    status           VARCHAR2(16 CHAR)  NOT NULL,
    maker_ref        VARCHAR2(64 CHAR),
    plan_id          VARCHAR2(36 CHAR),
    batch_no         VARCHAR2(32 CHAR),
    card_no          VARCHAR2(32 CHAR),
    chip_serial      VARCHAR2(32 CHAR),
    sends            NUMBER(10)      NOT NULL,
    created_at       TIMESTAMP    NOT NULL,
    updated_at       TIMESTAMP    NOT NULL,
    version          NUMBER(19)       NOT NULL,
    CONSTRAINT uk_production_order_case UNIQUE (case_id)
);
CREATE INDEX ix_production_order_queue ON production_order (status, region_code);
CREATE INDEX ix_production_order_batch ON production_order (batch_no);

CREATE TABLE production_plan (
    id               VARCHAR2(36 CHAR)  NOT NULL PRIMARY KEY,
    plan_no          VARCHAR2(32 CHAR)  NOT NULL,
    centre_code      VARCHAR2(32 CHAR)  NOT NULL,
    region_code      CHAR(6 CHAR)      NOT NULL,
    status           VARCHAR2(16 CHAR)  NOT NULL,
    card_count       NUMBER(10)      NOT NULL,
    created_by       VARCHAR2(64 CHAR)  NOT NULL,
    created_at       TIMESTAMP    NOT NULL,
    submitted_by     VARCHAR2(64 CHAR),
    submitted_at     TIMESTAMP,
    version          NUMBER(19)       NOT NULL,
    CONSTRAINT uk_production_plan_no UNIQUE (plan_no)
);
CREATE INDEX ix_production_plan_region ON production_plan (region_code, created_at);

-- One group of a plan: the cards of one region for one maker.
CREATE TABLE production_plan_group (
    id               VARCHAR2(36 CHAR)  NOT NULL PRIMARY KEY,
    plan_id          VARCHAR2(36 CHAR)  NOT NULL REFERENCES production_plan (id),
    region_code      CHAR(6 CHAR)      NOT NULL,
    maker_code       VARCHAR2(32 CHAR)  NOT NULL,
    card_count       NUMBER(10)      NOT NULL,
    CONSTRAINT uk_production_plan_group UNIQUE (plan_id, region_code)
);

CREATE TABLE production_batch (
    id               VARCHAR2(36 CHAR)  NOT NULL PRIMARY KEY,
    batch_no         VARCHAR2(32 CHAR)  NOT NULL,
    plan_id          VARCHAR2(36 CHAR)  NOT NULL REFERENCES production_plan (id),
    maker_code       VARCHAR2(32 CHAR)  NOT NULL,
    centre_code      VARCHAR2(32 CHAR)  NOT NULL,
    region_code      CHAR(6 CHAR)      NOT NULL,
    status           VARCHAR2(16 CHAR)  NOT NULL,
    card_count       NUMBER(10)      NOT NULL,
    file_seq         NUMBER(10)      NOT NULL,
    data_file_name   VARCHAR2(100 CHAR) NOT NULL,
    data_file_sm3    CHAR(64 CHAR)     NOT NULL,
    produced         NUMBER(10)      NOT NULL,
    failed           NUMBER(10)      NOT NULL,
    destroyed        NUMBER(10)      NOT NULL,
    released_at      TIMESTAMP    NOT NULL,
    received_at      TIMESTAMP,
    received_by      VARCHAR2(64 CHAR),
    started_at       TIMESTAMP,
    finished_at      TIMESTAMP,
    sealed_at        TIMESTAMP,
    version          NUMBER(19)       NOT NULL,
    CONSTRAINT uk_production_batch_no UNIQUE (batch_no)
);
CREATE INDEX ix_production_batch_plan ON production_batch (plan_id);
CREATE INDEX ix_production_batch_maker ON production_batch (maker_code, status);

-- A maker's answer for one card of a batch, persisted on arrival; applied by the correlation job (PENDING -> APPLIED, or
-- PARKED after too many failed attempts).
CREATE TABLE production_result (
    id               VARCHAR2(36 CHAR)  NOT NULL PRIMARY KEY,
    batch_no         VARCHAR2(32 CHAR)  NOT NULL,
    case_id          VARCHAR2(64 CHAR)  NOT NULL,
    outcome          VARCHAR2(16 CHAR)  NOT NULL,
    card_no          VARCHAR2(32 CHAR),
    chip_serial      VARCHAR2(32 CHAR),
    reason           VARCHAR2(500 CHAR),
    source           VARCHAR2(100 CHAR) NOT NULL,
    status           VARCHAR2(16 CHAR)  NOT NULL,
    attempts         NUMBER(10)      NOT NULL,
    last_error       VARCHAR2(500 CHAR),
    received_at      TIMESTAMP    NOT NULL,
    applied_at       TIMESTAMP,
    CONSTRAINT uk_production_result UNIQUE (batch_no, case_id)
);
CREATE INDEX ix_production_result_status ON production_result (status, received_at);

-- An error record per card for the issuer (PER-04): the maker never changes data; the issuer corrects and resends.
CREATE TABLE production_error (
    id               VARCHAR2(36 CHAR)  NOT NULL PRIMARY KEY,
    case_id          VARCHAR2(64 CHAR)  NOT NULL,
    batch_no         VARCHAR2(32 CHAR)  NOT NULL,
    region_code      CHAR(6 CHAR)      NOT NULL,
    kind             VARCHAR2(16 CHAR)  NOT NULL,
    field            VARCHAR2(64 CHAR),
    reason           VARCHAR2(500 CHAR) NOT NULL,
    reported_by      VARCHAR2(64 CHAR)  NOT NULL,
    reported_at      TIMESTAMP    NOT NULL,
    resent_by        VARCHAR2(64 CHAR),
    resent_at        TIMESTAMP
);
CREATE INDEX ix_production_error_region ON production_error (region_code, resent_at);
CREATE INDEX ix_production_error_case ON production_error (case_id);

CREATE SEQUENCE production_plan_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE production_batch_seq START WITH 1 INCREMENT BY 1;

-- A case's finished card, persisted with the step that finished it (a sealed batch, or the desk printer's instant
-- answer) and announced as CardProductionCompleted by a retried job, one transaction per card: a case whose process
-- cannot take the card is PARKED after too many attempts and the others go on.
CREATE TABLE production_completion (
    id               VARCHAR2(36 CHAR)  NOT NULL PRIMARY KEY,
    case_id          VARCHAR2(64 CHAR)  NOT NULL,
    production_ref   VARCHAR2(64 CHAR)  NOT NULL,
    region_code      CHAR(6 CHAR)      NOT NULL,
    desk_code        VARCHAR2(32 CHAR)  NOT NULL,
    card_no          VARCHAR2(32 CHAR)  NOT NULL,
    chip_serial      VARCHAR2(32 CHAR),
    batch_no         VARCHAR2(32 CHAR),
    status           VARCHAR2(16 CHAR)  NOT NULL,
    attempts         NUMBER(10)      NOT NULL,
    last_error       VARCHAR2(500 CHAR),
    due_at           TIMESTAMP    NOT NULL,
    created_at       TIMESTAMP    NOT NULL,
    published_at     TIMESTAMP,
    CONSTRAINT uk_production_completion UNIQUE (case_id)
);
CREATE INDEX ix_production_completion_due ON production_completion (status, due_at);
