-- Issue #13 (PER-12, decisions 028/029): a box reported damaged or opened in the maker's store (floor.BoxHeld) is held
-- in its shipment until the box's new seal is registered (floor.BoxResealed); a shipment with a held box is not
-- dispatched (409 SHIPMENT_BOX_HELD).
ALTER TABLE shipment_box ADD COLUMN held_since TIMESTAMP;

-- Issue #13 (decision 028): a failing floor case start backs off (start_next_at doubles from one minute, at most an
-- hour) and is FAILED after healthcard.floor.start-max-attempts (start_failed_at set: listed on the floor screen,
-- audited; a re-release or an admin's retry clears it). The retry job takes only due, not failed requests.
ALTER TABLE floor_batch ADD COLUMN start_next_at TIMESTAMP;
ALTER TABLE floor_batch ADD COLUMN start_failed_at TIMESTAMP;
CREATE INDEX ix_floor_batch_start_next ON floor_batch (case_started_at, start_failed_at, start_next_at);
