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

-- A replacement round's card is completed for the same case as its lost first card: one completion per case and card
-- number, not per case (review 14).
ALTER TABLE production_completion DROP CONSTRAINT uk_production_completion;
ALTER TABLE production_completion ADD CONSTRAINT uk_production_completion UNIQUE (case_id, card_no);
