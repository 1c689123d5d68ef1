-- Search keys of audit entries (issue #4): the card, the resident (internal id) and the case (process business key)
-- an entry concerns. They are part of the hashed text when set; entries written before stay as they were.
ALTER TABLE audit_event ADD COLUMN card_no VARCHAR(32);
ALTER TABLE audit_event ADD COLUMN resident_id VARCHAR(36);
ALTER TABLE audit_event ADD COLUMN case_ref VARCHAR(64);
CREATE INDEX ix_audit_card ON audit_event (card_no);
CREATE INDEX ix_audit_case ON audit_event (case_ref);
CREATE INDEX ix_audit_resident ON audit_event (resident_id);
