package cn.healthcard.resident.internal;

import cn.healthcard.crypto.Encrypted;
import cn.healthcard.resident.ResidentConflictStatus;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A resident-data conflict case (档案核实更正申请): the identity data a centre of another region entered for a resident
 * whose record belongs to {@link #regionCode()}. The filed name is encrypted at rest; {@code openResidentId} is the
 * resident while the case is open (unique: one open case per resident) and {@code null} once it is decided.
 */
@Entity
@Table(name = "resident_conflict")
public class ResidentConflict {

    @Id
    private String caseNo;
    private String residentId;
    private String openResidentId;
    private String regionCode;
    private String filerRegionCode;
    private String filerInstitution;
    @Encrypted
    private String filedNameEnc;
    private String filedSex;
    private String filedEthnicity;
    private LocalDate filedBirthDate;
    private String reason;
    @Enumerated(EnumType.STRING)
    private ResidentConflictStatus status;
    private String processInstanceId;
    private String reviewComment;
    private String reviewedBy;
    private Instant reviewedAt;
    private String createdBy;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private long version;

    protected ResidentConflict() {
    }

    public ResidentConflict(String caseNo, String residentId, String regionCode, String filerRegionCode,
                            String filerInstitution, String filedName, String filedSex,
                            String filedEthnicity, LocalDate filedBirthDate, String reason, String createdBy,
                            Instant now) {
        this.caseNo = caseNo;
        this.residentId = residentId;
        this.openResidentId = residentId;
        this.regionCode = regionCode;
        this.filerRegionCode = filerRegionCode;
        this.filerInstitution = filerInstitution;
        this.filedNameEnc = filedName;
        this.filedSex = filedSex;
        this.filedEthnicity = filedEthnicity;
        this.filedBirthDate = filedBirthDate;
        this.reason = reason;
        this.status = ResidentConflictStatus.IN_REVIEW;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void processStarted(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    public void reviewed(String comment, String reviewer, Instant now) {
        this.reviewComment = comment;
        this.reviewedBy = reviewer;
        this.reviewedAt = now;
        this.updatedAt = now;
    }

    /** The case is decided (corrected or rejected): the resident is free for a new case. */
    public void closed(ResidentConflictStatus to, Instant now) {
        this.status = to;
        this.openResidentId = null;
        this.updatedAt = now;
    }

    public String caseNo() { return caseNo; }
    public String residentId() { return residentId; }
    public String regionCode() { return regionCode; }
    public String filerRegionCode() { return filerRegionCode; }
    public String filerInstitution() { return filerInstitution; }
    public String filedName() { return filedNameEnc; }
    public String filedSex() { return filedSex; }
    public String filedEthnicity() { return filedEthnicity; }
    public LocalDate filedBirthDate() { return filedBirthDate; }
    public String reason() { return reason; }
    public ResidentConflictStatus status() { return status; }
    public String processInstanceId() { return processInstanceId; }
    public String reviewComment() { return reviewComment; }
    public String reviewedBy() { return reviewedBy; }
    public String createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
}
