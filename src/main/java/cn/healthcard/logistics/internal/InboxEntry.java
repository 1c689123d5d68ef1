package cn.healthcard.logistics.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A production event logistics follows, kept until it is handled (decision 029). */
@Entity
@Table(name = "logistics_inbox")
class InboxEntry {

    @Id
    private String id;
    private String eventType;
    private String eventKey;
    private String payload;
    private Instant receivedAt;
    private int attempts;
    private String lastError;
    private Instant doneAt;
    @Version
    private long version;

    protected InboxEntry() {
    }

    InboxEntry(String eventType, String eventKey, String payload, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.eventType = eventType;
        this.eventKey = eventKey;
        this.payload = payload;
        this.receivedAt = now;
    }

    void done(Instant now) {
        this.attempts++;
        this.doneAt = now;
        this.lastError = null;
    }

    void failed(String error) {
        this.attempts++;
        this.lastError = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
    }

    String id() { return id; }
    String eventType() { return eventType; }
    String eventKey() { return eventKey; }
    String payload() { return payload; }
    int attempts() { return attempts; }
    String lastError() { return lastError; }
    boolean isDone() { return doneAt != null; }
}
