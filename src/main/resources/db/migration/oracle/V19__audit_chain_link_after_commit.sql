-- Audit entries are linked into the SM3 chain after their transaction commits (issue #10 defect 8), Oracle twin of
-- common/V19__audit_chain_link_after_commit.sql.
ALTER TABLE audit_event ADD (chain_seq NUMBER(19));
UPDATE audit_event SET chain_seq = id;
CREATE UNIQUE INDEX ux_audit_event_chain_seq ON audit_event (chain_seq);
-- Oracle leaves all-NULL keys out of an index: with the constant the pending rows (chain_seq IS NULL) are indexed too,
-- so the linker's probe every 200 ms does not scan the table.
CREATE INDEX ix_audit_event_pending ON audit_event (chain_seq, 0);

ALTER TABLE audit_chain_head ADD (id_base NUMBER(19));
UPDATE audit_chain_head SET id_base = (SELECT COALESCE(MAX(id), 0) FROM audit_event);
CREATE SEQUENCE audit_event_no_seq START WITH 1 INCREMENT BY 1;
