-- The card maker's floor (制卡现场, issue #13, PER-06..PER-12; decision 028): one row per released batch and the
-- records its case (processes/production-batch-handover.bpmn) writes: hand-over forms between steps, scrap and the
-- destruction record, the two counts, sealed boxes with their cards, the store's box incidents; per maker the staff
-- (who is lead), warehouse movements and the daily reconciliation; the production log.
CREATE TABLE floor_batch (
    batch_no          VARCHAR(40)  NOT NULL PRIMARY KEY,
    plan_no           VARCHAR(40)  NOT NULL,
    maker_code        VARCHAR(32)  NOT NULL,
    centre_code       VARCHAR(32)  NOT NULL,
    region_code       VARCHAR(6)   NOT NULL,
    card_count        INTEGER      NOT NULL,
    data_file_name    VARCHAR(200) NOT NULL,
    status            VARCHAR(20)  NOT NULL,
    refusal           VARCHAR(500),
    received_count    INTEGER,
    produced          INTEGER,
    failed            INTEGER,
    destroyed         INTEGER,
    start_first_by    VARCHAR(64),
    start_second_by   VARCHAR(64),
    close_first_by    VARCHAR(64),
    close_second_by   VARCHAR(64),
    signed_off_by     VARCHAR(64),
    signed_off_at     TIMESTAMP,
    sealed_cards      INTEGER,
    released_at       TIMESTAMP    NOT NULL,
    updated_at        TIMESTAMP    NOT NULL
);
CREATE INDEX ix_floor_batch_maker ON floor_batch (maker_code, released_at);

CREATE TABLE floor_handover (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    batch_no     VARCHAR(40)  NOT NULL REFERENCES floor_batch (batch_no),
    step         VARCHAR(20)  NOT NULL,
    handed_by    VARCHAR(64)  NOT NULL,
    received_by  VARCHAR(64)  NOT NULL,
    count_in     INTEGER      NOT NULL,
    good         INTEGER      NOT NULL,
    damaged      INTEGER      NOT NULL,
    rework       INTEGER      NOT NULL,
    recorded_at  TIMESTAMP    NOT NULL,
    CONSTRAINT uk_floor_handover_step UNIQUE (batch_no, step)
);

CREATE TABLE floor_scrap (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    batch_no     VARCHAR(40)  NOT NULL REFERENCES floor_batch (batch_no),
    maker_code   VARCHAR(32)  NOT NULL,
    category     VARCHAR(20)  NOT NULL,
    card_no      VARCHAR(32),
    quantity     INTEGER      NOT NULL,
    reason       VARCHAR(200) NOT NULL,
    scrap_day    DATE         NOT NULL,
    recorded_by  VARCHAR(64)  NOT NULL,
    recorded_at  TIMESTAMP    NOT NULL
);
CREATE INDEX ix_floor_scrap_day ON floor_scrap (maker_code, scrap_day);

CREATE TABLE floor_destruction (
    batch_no     VARCHAR(40)  NOT NULL PRIMARY KEY REFERENCES floor_batch (batch_no),
    method       VARCHAR(100) NOT NULL,
    place        VARCHAR(100) NOT NULL,
    quantity     INTEGER      NOT NULL,
    recorded_by  VARCHAR(64)  NOT NULL,
    recorded_at  TIMESTAMP    NOT NULL,
    cosigned_by  VARCHAR(64),
    cosigned_at  TIMESTAMP
);

CREATE TABLE floor_count (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    batch_no     VARCHAR(40)  NOT NULL REFERENCES floor_batch (batch_no),
    round_no     INTEGER      NOT NULL,
    which_count  INTEGER      NOT NULL,
    counted      INTEGER      NOT NULL,
    counted_by   VARCHAR(64)  NOT NULL,
    counted_at   TIMESTAMP    NOT NULL,
    CONSTRAINT uk_floor_count UNIQUE (batch_no, round_no, which_count)
);

CREATE TABLE floor_box (
    box_no       VARCHAR(40)  NOT NULL PRIMARY KEY,
    batch_no     VARCHAR(40)  NOT NULL REFERENCES floor_batch (batch_no),
    maker_code   VARCHAR(32)  NOT NULL,
    seal_no      VARCHAR(40)  NOT NULL,
    card_count   INTEGER      NOT NULL,
    status       VARCHAR(20)  NOT NULL,
    sealed_by    VARCHAR(64)  NOT NULL,
    sealed_at    TIMESTAMP    NOT NULL,
    CONSTRAINT uk_floor_box_seal UNIQUE (seal_no)
);
CREATE INDEX ix_floor_box_batch ON floor_box (batch_no);

CREATE TABLE floor_box_card (
    box_no       VARCHAR(40)  NOT NULL REFERENCES floor_box (box_no),
    card_no      VARCHAR(32)  NOT NULL,
    PRIMARY KEY (box_no, card_no)
);

-- every seal number ever put on a box (PER-11, PER-12): USED while on its box, BROKEN once the box was opened and
-- repacked; a number is never used twice, so an opened box cannot be resealed under its original seal
CREATE TABLE floor_seal (
    seal_no      VARCHAR(40)  NOT NULL PRIMARY KEY,
    box_no       VARCHAR(40)  NOT NULL REFERENCES floor_box (box_no),
    state        VARCHAR(20)  NOT NULL,
    used_at      TIMESTAMP    NOT NULL
);

CREATE TABLE floor_box_incident (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    box_no       VARCHAR(40)  NOT NULL REFERENCES floor_box (box_no),
    kind         VARCHAR(20)  NOT NULL,
    note         VARCHAR(500) NOT NULL,
    status       VARCHAR(20)  NOT NULL,
    reported_by  VARCHAR(64)  NOT NULL,
    reported_at  TIMESTAMP    NOT NULL,
    recounted    INTEGER,
    old_seal_no  VARCHAR(40)  NOT NULL,
    new_seal_no  VARCHAR(40),
    repacked_by  VARCHAR(64),
    findings     VARCHAR(1000),
    registered_by VARCHAR(64),
    registered_at TIMESTAMP
);

CREATE TABLE floor_staff (
    username     VARCHAR(64)  NOT NULL PRIMARY KEY,
    maker_code   VARCHAR(32)  NOT NULL,
    is_lead      BOOLEAN      NOT NULL,
    assigned_by  VARCHAR(64)  NOT NULL,
    assigned_at  TIMESTAMP    NOT NULL
);

CREATE TABLE floor_movement (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    maker_code   VARCHAR(32)  NOT NULL,
    move_day     DATE         NOT NULL,
    stock        VARCHAR(12)  NOT NULL,
    direction    VARCHAR(8)   NOT NULL,
    quantity     INTEGER      NOT NULL,
    batch_no     VARCHAR(40),
    note         VARCHAR(200),
    recorded_by  VARCHAR(64)  NOT NULL,
    recorded_at  TIMESTAMP    NOT NULL
);
CREATE INDEX ix_floor_movement_day ON floor_movement (maker_code, move_day);

CREATE TABLE floor_reconciliation (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    maker_code     VARCHAR(32)  NOT NULL,
    rec_day        DATE         NOT NULL,
    status         VARCHAR(12)  NOT NULL,
    counted_by     VARCHAR(64)  NOT NULL,
    counted_at     TIMESTAMP    NOT NULL,
    explanation    VARCHAR(1000),
    explained_by   VARCHAR(64),
    confirmed_by   VARCHAR(64),
    confirmed_at   TIMESTAMP,
    CONSTRAINT uk_floor_reconciliation UNIQUE (maker_code, rec_day)
);

CREATE TABLE floor_reconciliation_line (
    reconciliation_id VARCHAR(36) NOT NULL REFERENCES floor_reconciliation (id),
    stock        VARCHAR(12)  NOT NULL,
    opening      INTEGER      NOT NULL,
    qty_in       INTEGER      NOT NULL,
    qty_out      INTEGER      NOT NULL,
    scrap        INTEGER      NOT NULL,
    closing      INTEGER      NOT NULL,
    physical     INTEGER      NOT NULL,
    PRIMARY KEY (reconciliation_id, stock)
);

CREATE TABLE floor_log (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    maker_code   VARCHAR(32)  NOT NULL,
    batch_no     VARCHAR(40),
    shift        VARCHAR(12)  NOT NULL,
    entry_kind   VARCHAR(12)  NOT NULL,
    handed_from  VARCHAR(64),
    handed_to    VARCHAR(64),
    work_state   VARCHAR(500) NOT NULL,
    recorded_by  VARCHAR(64)  NOT NULL,
    recorded_at  TIMESTAMP    NOT NULL
);
CREATE INDEX ix_floor_log_maker ON floor_log (maker_code, recorded_at);

CREATE SEQUENCE floor_box_no_seq START WITH 1 INCREMENT BY 1;
