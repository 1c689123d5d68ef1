-- Card numbers that must never be issued (issue #13, decision 027 §5a): a card lost or damaged in transit whose
-- replacement the shipment's receipt agreed. The case's order goes back to the queue for a new production round; the
-- lost number stays here for good. Unique on the card number, so a replayed request changes nothing.
CREATE TABLE production_void_card (
    card_no          VARCHAR(32)  NOT NULL PRIMARY KEY,
    case_id          VARCHAR(64)  NOT NULL,
    batch_no         VARCHAR(32),
    region_code      CHAR(6)      NOT NULL,
    round_no         INTEGER      NOT NULL,
    reason           VARCHAR(32)  NOT NULL,
    reference        VARCHAR(64)  NOT NULL,
    voided_at        TIMESTAMP    NOT NULL
);
CREATE INDEX ix_production_void_case ON production_void_card (case_id);
