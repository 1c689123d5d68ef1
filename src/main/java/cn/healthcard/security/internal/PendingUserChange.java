package cn.healthcard.security.internal;

import cn.healthcard.security.UserManagement.ChangeKind;
import cn.healthcard.security.UserManagement.ChangeStatus;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A change under the two-person rule, waiting for a second admin (decision 024). */
@Entity
@Table(name = "user_pending_change")
class PendingUserChange {

    @Id
    private String id;
    private String username;
    @Enumerated(EnumType.STRING)
    private ChangeKind kind;
    /** The change as JSON ({@link JpaUserManagement.ChangeData}). */
    private String changeData;
    private String summary;
    private String regionCode;
    @Enumerated(EnumType.STRING)
    private ChangeStatus status;
    private String requestedBy;
    private Instant requestedAt;
    private String decidedBy;
    private Instant decidedAt;
    private String reason;
    @Version
    private Long version;

    protected PendingUserChange() {
    }

    PendingUserChange(String username, ChangeKind kind, String changeData, String summary, String regionCode,
                      String requestedBy, Instant requestedAt) {
        this.id = UUID.randomUUID().toString();
        this.username = username;
        this.kind = kind;
        this.changeData = changeData;
        this.summary = summary;
        this.regionCode = regionCode;
        this.status = ChangeStatus.PENDING;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
    }

    void decide(boolean approved, String by, Instant at, String reason) {
        this.status = approved ? ChangeStatus.APPROVED : ChangeStatus.REJECTED;
        this.decidedBy = by;
        this.decidedAt = at;
        this.reason = reason;
    }

    String id() { return id; }
    String username() { return username; }
    ChangeKind kind() { return kind; }
    String changeData() { return changeData; }
    String summary() { return summary; }
    String regionCode() { return regionCode; }
    ChangeStatus status() { return status; }
    String requestedBy() { return requestedBy; }
    Instant requestedAt() { return requestedAt; }
    String decidedBy() { return decidedBy; }
    Instant decidedAt() { return decidedAt; }
    String reason() { return reason; }
}
