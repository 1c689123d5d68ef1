package cn.healthcard.audit.internal;

import cn.healthcard.audit.AuditLog;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/** One audit log row. Immutable: Hibernate never issues an update for it. */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Instant occurredAt;
    private String eventType;
    private String actor;
    private String institutionCode;
    private String regionCode;
    private String subjectType;
    private String subjectId;
    private String channel;
    private String detail;

    protected AuditEventEntity() {
    }

    AuditEventEntity(Instant occurredAt, String eventType, String actor, String institutionCode, String regionCode,
                     String subjectType, String subjectId, String channel, String detail) {
        this.occurredAt = occurredAt;
        this.eventType = eventType;
        this.actor = actor;
        this.institutionCode = institutionCode;
        this.regionCode = regionCode;
        this.subjectType = subjectType;
        this.subjectId = subjectId;
        this.channel = channel;
        this.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000);
    }

    public AuditLog.Entry toEntry() {
        return new AuditLog.Entry(id, occurredAt, eventType, actor, institutionCode, subjectType, subjectId, channel,
                detail);
    }
}
