-- Tamper-evident audit log and the outbox of its search projection (issue #4), Oracle twin of
-- common/V5__audit_chain_and_outbox.sql.
ALTER TABLE audit_event ADD (prev_hash CHAR(64 CHAR), hash CHAR(64 CHAR));

CREATE TABLE audit_chain_head (
    id        NUMBER(10)       NOT NULL PRIMARY KEY,
    last_id   NUMBER(19)       NOT NULL,
    last_hash CHAR(64 CHAR)
);
INSERT INTO audit_chain_head (id, last_id, last_hash) SELECT 1, COALESCE(MAX(id), 0), NULL FROM audit_event;

CREATE TABLE audit_outbox (
    event_id NUMBER(19) NOT NULL PRIMARY KEY REFERENCES audit_event (id),
    sent_at  TIMESTAMP
);
CREATE INDEX ix_audit_outbox_pending ON audit_outbox (sent_at, event_id);
INSERT INTO audit_outbox (event_id, sent_at) SELECT id, NULL FROM audit_event;
