-- Tamper-evident audit log and the outbox of its search projection (issue #4, decision 008).
-- hash = SM3(prev_hash || canonical text of the entry), hex; the first entry's prev_hash is 64 zeros.
-- Entries written before this version are chained by the application on the first append (last_hash NULL).
ALTER TABLE audit_event ADD COLUMN prev_hash CHAR(64);
ALTER TABLE audit_event ADD COLUMN hash CHAR(64);

-- One row: the end of the chain. Appends lock it (SELECT ... FOR UPDATE) in the publishing transaction, so entries
-- are numbered and chained one after the other even with concurrent writers.
CREATE TABLE audit_chain_head (
    id        INTEGER  NOT NULL PRIMARY KEY,
    last_id   BIGINT   NOT NULL,
    last_hash CHAR(64)
);
INSERT INTO audit_chain_head (id, last_id, last_hash) SELECT 1, COALESCE(MAX(id), 0), NULL FROM audit_event;

-- Transactional outbox: one row per audit entry, written with it; the projector sends pending rows to Elasticsearch.
CREATE TABLE audit_outbox (
    event_id BIGINT    NOT NULL PRIMARY KEY REFERENCES audit_event (id),
    sent_at  TIMESTAMP
);
CREATE INDEX ix_audit_outbox_pending ON audit_outbox (sent_at, event_id);
INSERT INTO audit_outbox (event_id, sent_at) SELECT id, NULL FROM audit_event;
