-- Search keys of audit entries (issue #4), Oracle twin of common/V6__audit_search_keys.sql.
ALTER TABLE audit_event ADD (card_no VARCHAR2(32 CHAR), resident_id VARCHAR2(36 CHAR), case_ref VARCHAR2(64 CHAR));
CREATE INDEX ix_audit_card ON audit_event (card_no);
CREATE INDEX ix_audit_case ON audit_event (case_ref);
CREATE INDEX ix_audit_resident ON audit_event (resident_id);
