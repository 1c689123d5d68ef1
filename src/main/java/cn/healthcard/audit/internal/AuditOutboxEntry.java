package cn.healthcard.audit.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An audit entry waiting for (sent_at null) or delivered to the search index. */
@Entity
@Table(name = "audit_outbox")
class AuditOutboxEntry {

    @Id
    private Long eventId;
    private Instant sentAt;

    protected AuditOutboxEntry() {
    }

    AuditOutboxEntry(long eventId) {
        this.eventId = eventId;
    }
}
