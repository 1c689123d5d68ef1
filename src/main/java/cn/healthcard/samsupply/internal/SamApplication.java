package cn.healthcard.samsupply.internal;

import cn.healthcard.samsupply.SamApplicationStatus;
import cn.healthcard.samsupply.SamTerminalType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A city centre's SAM application for one of its institutions (SAM-01). */
@Entity
@Table(name = "sam_application")
public class SamApplication {

    @Id
    private String id;
    private String applicationNo;
    private String regionCode;
    private String provinceCode;
    private String centreCode;
    private String institutionCode;
    @Enumerated(EnumType.STRING)
    private SamTerminalType terminalType;
    private int quantity;
    private String reason;
    @Enumerated(EnumType.STRING)
    private SamApplicationStatus status;
    private String reviewComment;
    private String reviewedBy;
    private Instant reviewedAt;
    private String reportNo;
    private String planNo;
    private int madeCount;
    private int failedCount;
    private String processInstanceId;
    private String createdBy;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private long version;

    protected SamApplication() {
    }

    public SamApplication(String applicationNo, String regionCode, String centreCode, String institutionCode,
                          SamTerminalType terminalType, int quantity, String reason, String by, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.applicationNo = applicationNo;
        this.regionCode = regionCode;
        this.provinceCode = regionCode.substring(0, 2) + "0000";
        this.centreCode = centreCode;
        this.institutionCode = institutionCode;
        this.terminalType = terminalType;
        this.quantity = quantity;
        this.reason = reason;
        this.status = SamApplicationStatus.SUBMITTED;
        this.createdBy = by;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void processStarted(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    public void reviewed(SamApplicationStatus status, String comment, String by, Instant now) {
        this.status = status;
        this.reviewComment = comment;
        this.reviewedBy = by;
        this.reviewedAt = now;
        this.updatedAt = now;
    }

    public void revised(SamTerminalType terminalType, int quantity, String reason, Instant now) {
        this.terminalType = terminalType;
        this.quantity = quantity;
        this.reason = reason;
        this.status = SamApplicationStatus.SUBMITTED;
        this.updatedAt = now;
    }

    public void moved(SamApplicationStatus status, Instant now) {
        this.status = status;
        this.updatedAt = now;
    }

    public void reported(String reportNo, Instant now) {
        this.reportNo = reportNo;
        moved(SamApplicationStatus.REPORTED, now);
    }

    public void planned(String planNo, Instant now) {
        this.planNo = planNo;
        moved(SamApplicationStatus.PLANNED, now);
    }

    public void made(int made, int failed, Instant now) {
        this.madeCount = made;
        this.failedCount = failed;
        moved(SamApplicationStatus.MADE, now);
    }

    public String id() { return id; }
    public String applicationNo() { return applicationNo; }
    public String regionCode() { return regionCode; }
    public String provinceCode() { return provinceCode; }
    public String centreCode() { return centreCode; }
    public String institutionCode() { return institutionCode; }
    public SamTerminalType terminalType() { return terminalType; }
    public int quantity() { return quantity; }
    public String reason() { return reason; }
    public SamApplicationStatus status() { return status; }
    public String reviewComment() { return reviewComment; }
    public String reviewedBy() { return reviewedBy; }
    public Instant reviewedAt() { return reviewedAt; }
    public String reportNo() { return reportNo; }
    public String planNo() { return planNo; }
    public int madeCount() { return madeCount; }
    public int failedCount() { return failedCount; }
    public String processInstanceId() { return processInstanceId; }
    public String createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }
}
