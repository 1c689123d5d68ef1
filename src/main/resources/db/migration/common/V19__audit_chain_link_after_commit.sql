-- Audit entries are linked into the SM3 chain after their transaction commits (issue #10 defect 8, decision 008).
-- The business transaction inserts its entry unlinked (chain_seq, prev_hash, hash NULL) with an id drawn from
-- audit_event_no_seq, without touching the chain head; the linker numbers the committed entries in its own short
-- transaction under the head lock. chain_seq is the position in the chain (walk order); audit_chain_head.last_id is
-- from now on the last chain_seq. Entries written before this version were numbered by the chain: chain_seq = id.
ALTER TABLE audit_event ADD COLUMN chain_seq BIGINT;
UPDATE audit_event SET chain_seq = id;
CREATE UNIQUE INDEX ux_audit_event_chain_seq ON audit_event (chain_seq);

-- New ids are id_base + NEXT VALUE FOR audit_event_no_seq (a sequence cannot start at MAX(id) portably).
ALTER TABLE audit_chain_head ADD COLUMN id_base BIGINT;
UPDATE audit_chain_head SET id_base = (SELECT COALESCE(MAX(id), 0) FROM audit_event);
CREATE SEQUENCE audit_event_no_seq START WITH 1 INCREMENT BY 1;
