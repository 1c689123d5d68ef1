-- Issue #13 (PER-12, decision 029): the seals a shipment's box carried. A box repacked in the maker's store under a new
-- seal (floor.BoxResealed) changes the seal and cards logistics expects at receipt; the old seal stays here. A reseal
-- that arrives after the shipment left the maker changes nothing and is kept as AFTER_DISPATCH (flagged, audited).
CREATE TABLE shipment_box_seal (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    shipment_id   VARCHAR(36)  NOT NULL REFERENCES shipment (id),
    box_no        VARCHAR(32)  NOT NULL,
    old_seal_no   VARCHAR(40)  NOT NULL,
    new_seal_no   VARCHAR(40)  NOT NULL,
    card_count    INTEGER      NOT NULL,
    outcome       VARCHAR(16)  NOT NULL,
    recorded_at   TIMESTAMP    NOT NULL,
    CONSTRAINT uk_shipment_box_seal UNIQUE (shipment_id, box_no, new_seal_no)
);

-- The floor's seal numbers are up to 40 characters (floor_seal); the shipment's box takes any of them.
ALTER TABLE shipment_box ALTER COLUMN seal_no SET DATA TYPE VARCHAR(40);

-- Issue #13 (decision 028): the floor case of a released batch starts after the plan submission commits. The batch row
-- is the persisted start request; case_started_at is set once the case has started (exactly once per batch), a failed
-- start counts its attempts and keeps its last error until the retry starts it. Batches of an earlier version had
-- their case started in the submission's transaction.
ALTER TABLE floor_batch ADD COLUMN case_started_at TIMESTAMP;
ALTER TABLE floor_batch ADD COLUMN start_attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE floor_batch ADD COLUMN start_error VARCHAR(500);
UPDATE floor_batch SET case_started_at = released_at;
CREATE INDEX ix_floor_batch_start ON floor_batch (case_started_at, released_at);

-- PER-07 (decision 028): a hand-over is confirmed by its receiver before the next step starts; earlier forms count as
-- confirmed when they were recorded.
ALTER TABLE floor_handover ADD COLUMN confirmed_at TIMESTAMP;
UPDATE floor_handover SET confirmed_at = recorded_at;
