-- Oracle twin of common/V28__card_maker_floor.sql (issue #13, decision 028).
-- The card maker's floor (制卡现场, issue #13, PER-06..PER-12; decision 028): one row per released batch and the
-- records its case (processes/production-batch-handover.bpmn) writes: hand-over forms between steps, scrap and the
-- destruction record, the two counts, sealed boxes with their cards, the store's box incidents; per maker the staff
-- (who is lead), warehouse movements and the daily reconciliation; the production log.
CREATE TABLE floor_batch (
    batch_no          VARCHAR2(40 CHAR)  NOT NULL PRIMARY KEY,
    plan_no           VARCHAR2(40 CHAR)  NOT NULL,
    maker_code        VARCHAR2(32 CHAR)  NOT NULL,
    centre_code       VARCHAR2(32 CHAR)  NOT NULL,
    region_code       VARCHAR2(6 CHAR)   NOT NULL,
    card_count        NUMBER(10)      NOT NULL,
    data_file_name    VARCHAR2(200 CHAR) NOT NULL,
    status            VARCHAR2(20 CHAR)  NOT NULL,
    refusal           VARCHAR2(500 CHAR),
    received_count    NUMBER(10),
    produced          NUMBER(10),
    failed            NUMBER(10),
    destroyed         NUMBER(10),
    start_first_by    VARCHAR2(64 CHAR),
    start_second_by   VARCHAR2(64 CHAR),
    close_first_by    VARCHAR2(64 CHAR),
    close_second_by   VARCHAR2(64 CHAR),
    signed_off_by     VARCHAR2(64 CHAR),
    signed_off_at     TIMESTAMP,
    sealed_cards      NUMBER(10),
    released_at       TIMESTAMP    NOT NULL,
    updated_at        TIMESTAMP    NOT NULL
);
CREATE INDEX ix_floor_batch_maker ON floor_batch (maker_code, released_at);

CREATE TABLE floor_handover (
    id           VARCHAR2(36 CHAR)  NOT NULL PRIMARY KEY,
    batch_no     VARCHAR2(40 CHAR)  NOT NULL REFERENCES floor_batch (batch_no),
    step         VARCHAR2(20 CHAR)  NOT NULL,
    handed_by    VARCHAR2(64 CHAR)  NOT NULL,
    received_by  VARCHAR2(64 CHAR)  NOT NULL,
    count_in     NUMBER(10)      NOT NULL,
    good         NUMBER(10)      NOT NULL,
    damaged      NUMBER(10)      NOT NULL,
    rework       NUMBER(10)      NOT NULL,
    recorded_at  TIMESTAMP    NOT NULL,
    CONSTRAINT uk_floor_handover_step UNIQUE (batch_no, step)
);

CREATE TABLE floor_scrap (
    id           VARCHAR2(36 CHAR)  NOT NULL PRIMARY KEY,
    batch_no     VARCHAR2(40 CHAR)  NOT NULL REFERENCES floor_batch (batch_no),
    maker_code   VARCHAR2(32 CHAR)  NOT NULL,
    category     VARCHAR2(20 CHAR)  NOT NULL,
    card_no      VARCHAR2(32 CHAR),
    quantity     NUMBER(10)      NOT NULL,
    reason       VARCHAR2(200 CHAR) NOT NULL,
    scrap_day    DATE         NOT NULL,
    recorded_by  VARCHAR2(64 CHAR)  NOT NULL,
    recorded_at  TIMESTAMP    NOT NULL
);
CREATE INDEX ix_floor_scrap_day ON floor_scrap (maker_code, scrap_day);

CREATE TABLE floor_destruction (
    batch_no     VARCHAR2(40 CHAR)  NOT NULL PRIMARY KEY REFERENCES floor_batch (batch_no),
    method       VARCHAR2(100 CHAR) NOT NULL,
    place        VARCHAR2(100 CHAR) NOT NULL,
    quantity     NUMBER(10)      NOT NULL,
    recorded_by  VARCHAR2(64 CHAR)  NOT NULL,
    recorded_at  TIMESTAMP    NOT NULL,
    cosigned_by  VARCHAR2(64 CHAR),
    cosigned_at  TIMESTAMP
);

CREATE TABLE floor_count (
    id           VARCHAR2(36 CHAR)  NOT NULL PRIMARY KEY,
    batch_no     VARCHAR2(40 CHAR)  NOT NULL REFERENCES floor_batch (batch_no),
    round_no     NUMBER(10)      NOT NULL,
    which_count  NUMBER(10)      NOT NULL,
    counted      NUMBER(10)      NOT NULL,
    counted_by   VARCHAR2(64 CHAR)  NOT NULL,
    counted_at   TIMESTAMP    NOT NULL,
    CONSTRAINT uk_floor_count UNIQUE (batch_no, round_no, which_count)
);

CREATE TABLE floor_box (
    box_no       VARCHAR2(40 CHAR)  NOT NULL PRIMARY KEY,
    batch_no     VARCHAR2(40 CHAR)  NOT NULL REFERENCES floor_batch (batch_no),
    maker_code   VARCHAR2(32 CHAR)  NOT NULL,
    seal_no      VARCHAR2(40 CHAR)  NOT NULL,
    card_count   NUMBER(10)      NOT NULL,
    status       VARCHAR2(20 CHAR)  NOT NULL,
    sealed_by    VARCHAR2(64 CHAR)  NOT NULL,
    sealed_at    TIMESTAMP    NOT NULL,
    CONSTRAINT uk_floor_box_seal UNIQUE (seal_no)
);
CREATE INDEX ix_floor_box_batch ON floor_box (batch_no);

CREATE TABLE floor_box_card (
    box_no       VARCHAR2(40 CHAR)  NOT NULL REFERENCES floor_box (box_no),
    card_no      VARCHAR2(32 CHAR)  NOT NULL,
    PRIMARY KEY (box_no, card_no)
);

-- every seal number ever put on a box (PER-11, PER-12): USED while on its box, BROKEN once the box was opened and
-- repacked; a number is never used twice, so an opened box cannot be resealed under its original seal
CREATE TABLE floor_seal (
    seal_no      VARCHAR2(40 CHAR)  NOT NULL PRIMARY KEY,
    box_no       VARCHAR2(40 CHAR)  NOT NULL REFERENCES floor_box (box_no),
    state        VARCHAR2(20 CHAR)  NOT NULL,
    used_at      TIMESTAMP    NOT NULL
);

CREATE TABLE floor_box_incident (
    id           VARCHAR2(36 CHAR)  NOT NULL PRIMARY KEY,
    box_no       VARCHAR2(40 CHAR)  NOT NULL REFERENCES floor_box (box_no),
    kind         VARCHAR2(20 CHAR)  NOT NULL,
    note         VARCHAR2(500 CHAR) NOT NULL,
    status       VARCHAR2(20 CHAR)  NOT NULL,
    reported_by  VARCHAR2(64 CHAR)  NOT NULL,
    reported_at  TIMESTAMP    NOT NULL,
    recounted    NUMBER(10),
    old_seal_no  VARCHAR2(40 CHAR)  NOT NULL,
    new_seal_no  VARCHAR2(40 CHAR),
    repacked_by  VARCHAR2(64 CHAR),
    findings     VARCHAR2(1000 CHAR),
    registered_by VARCHAR2(64 CHAR),
    registered_at TIMESTAMP
);

CREATE TABLE floor_staff (
    username     VARCHAR2(64 CHAR)  NOT NULL PRIMARY KEY,
    maker_code   VARCHAR2(32 CHAR)  NOT NULL,
    is_lead      NUMBER(1)    NOT NULL CHECK (is_lead IN (0, 1)),
    assigned_by  VARCHAR2(64 CHAR)  NOT NULL,
    assigned_at  TIMESTAMP    NOT NULL
);

CREATE TABLE floor_movement (
    id           VARCHAR2(36 CHAR)  NOT NULL PRIMARY KEY,
    maker_code   VARCHAR2(32 CHAR)  NOT NULL,
    move_day     DATE         NOT NULL,
    stock        VARCHAR2(12 CHAR)  NOT NULL,
    direction    VARCHAR2(8 CHAR)   NOT NULL,
    quantity     NUMBER(10)      NOT NULL,
    batch_no     VARCHAR2(40 CHAR),
    note         VARCHAR2(200 CHAR),
    recorded_by  VARCHAR2(64 CHAR)  NOT NULL,
    recorded_at  TIMESTAMP    NOT NULL
);
CREATE INDEX ix_floor_movement_day ON floor_movement (maker_code, move_day);

CREATE TABLE floor_reconciliation (
    id             VARCHAR2(36 CHAR)  NOT NULL PRIMARY KEY,
    maker_code     VARCHAR2(32 CHAR)  NOT NULL,
    rec_day        DATE         NOT NULL,
    status         VARCHAR2(12 CHAR)  NOT NULL,
    counted_by     VARCHAR2(64 CHAR)  NOT NULL,
    counted_at     TIMESTAMP    NOT NULL,
    explanation    VARCHAR2(1000 CHAR),
    explained_by   VARCHAR2(64 CHAR),
    confirmed_by   VARCHAR2(64 CHAR),
    confirmed_at   TIMESTAMP,
    CONSTRAINT uk_floor_reconciliation UNIQUE (maker_code, rec_day)
);

CREATE TABLE floor_reconciliation_line (
    reconciliation_id VARCHAR2(36 CHAR) NOT NULL REFERENCES floor_reconciliation (id),
    stock        VARCHAR2(12 CHAR)  NOT NULL,
    opening      NUMBER(10)      NOT NULL,
    qty_in       NUMBER(10)      NOT NULL,
    qty_out      NUMBER(10)      NOT NULL,
    scrap        NUMBER(10)      NOT NULL,
    closing      NUMBER(10)      NOT NULL,
    physical     NUMBER(10)      NOT NULL,
    PRIMARY KEY (reconciliation_id, stock)
);

CREATE TABLE floor_log (
    id           VARCHAR2(36 CHAR)  NOT NULL PRIMARY KEY,
    maker_code   VARCHAR2(32 CHAR)  NOT NULL,
    batch_no     VARCHAR2(40 CHAR),
    shift        VARCHAR2(12 CHAR)  NOT NULL,
    entry_kind   VARCHAR2(12 CHAR)  NOT NULL,
    handed_from  VARCHAR2(64 CHAR),
    handed_to    VARCHAR2(64 CHAR),
    work_state   VARCHAR2(500 CHAR) NOT NULL,
    recorded_by  VARCHAR2(64 CHAR)  NOT NULL,
    recorded_at  TIMESTAMP    NOT NULL
);
CREATE INDEX ix_floor_log_maker ON floor_log (maker_code, recorded_at);

CREATE SEQUENCE floor_box_no_seq START WITH 1 INCREMENT BY 1;
