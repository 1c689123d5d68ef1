-- Oracle twin of common/V32__production_void_card.sql.
-- Card numbers that must never be issued (issue #13, decision 027 §5a): a card lost or damaged in transit whose
-- replacement the shipment's receipt agreed. The case's order goes back to the queue for a new production round; the
-- lost number stays here for good. Unique on the card number, so a replayed request changes nothing.
CREATE TABLE production_void_card (
    card_no          VARCHAR2(32 CHAR)  NOT NULL PRIMARY KEY,
    case_id          VARCHAR2(64 CHAR)  NOT NULL,
    batch_no         VARCHAR2(32 CHAR),
    region_code      CHAR(6 CHAR)      NOT NULL,
    round_no         NUMBER(10)        NOT NULL,
    reason           VARCHAR2(32 CHAR)  NOT NULL,
    reference        VARCHAR2(64 CHAR)  NOT NULL,
    voided_at        TIMESTAMP    NOT NULL
);
CREATE INDEX ix_production_void_case ON production_void_card (case_id);
