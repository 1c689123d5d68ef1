package cn.healthcard.sam.internal;

import cn.healthcard.sam.FreezeReason;
import cn.healthcard.sam.SamAction;
import cn.healthcard.sam.SamCaseView;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A freeze / unfreeze / cancel request and its outcome. {@code openSamNo} is set while the case is open. */
@Entity
@Table(name = "sam_case")
public class SamCase {

    public enum Status { IN_REVIEW, RETURNED, APPROVED, REJECTED, WITHDRAWN }

    @Id
    private String caseNo;
    private String samNo;
    private String openSamNo;
    @Enumerated(EnumType.STRING)
    private SamAction action;
    @Enumerated(EnumType.STRING)
    private FreezeReason freezeReason;
    private String reason;
    private boolean urgent;
    @Enumerated(EnumType.STRING)
    private Status status;
    private String institutionCode;
    private String regionCode;
    private long samVersion;
    private String requestedBy;
    private String resubmittedBy;
    private Instant requestedAt;
    private String reviewedBy;
    private String reviewComment;
    private Instant closedAt;

    protected SamCase() {
    }

    public SamCase(String caseNo, String samNo, SamAction action, FreezeReason freezeReason, String reason,
                   boolean urgent, String institutionCode, String regionCode, long samVersion, String by,
                   Instant at) {
        this.caseNo = caseNo;
        this.samNo = samNo;
        this.openSamNo = samNo;
        this.action = action;
        this.freezeReason = freezeReason;
        this.reason = reason;
        this.urgent = urgent;
        this.status = Status.IN_REVIEW;
        this.institutionCode = institutionCode;
        this.regionCode = regionCode;
        this.samVersion = samVersion;
        this.requestedBy = by;
        this.requestedAt = at;
    }

    public String caseNo() {
        return caseNo;
    }

    public String samNo() {
        return samNo;
    }

    public SamAction action() {
        return action;
    }

    public FreezeReason freezeReason() {
        return freezeReason;
    }

    public boolean urgent() {
        return urgent;
    }

    public Status status() {
        return status;
    }

    public String institutionCode() {
        return institutionCode;
    }

    public String regionCode() {
        return regionCode;
    }

    public long samVersion() {
        return samVersion;
    }

    public String requestedBy() {
        return requestedBy;
    }

    /** Who last corrected and resubmitted the request (null if never sent back). */
    public String resubmittedBy() {
        return resubmittedBy;
    }

    public String reason() {
        return reason;
    }

    public void reviewed(Status to, String by, String comment) {
        this.status = to;
        this.reviewedBy = by;
        this.reviewComment = comment;
    }

    public void resubmitted(FreezeReason freezeReason, String reason, long samVersion, String by, Instant at) {
        this.freezeReason = freezeReason;
        this.reason = reason;
        this.samVersion = samVersion;
        this.resubmittedBy = by; // the original requester stays: neither of them may review
        this.requestedAt = at;
        this.status = Status.IN_REVIEW;
    }

    /** The SAM moved on (an urgent freeze took effect): the approval checks against the new version. */
    public void samChanged(long version) {
        this.samVersion = version;
    }

    public void closed(Status to, Instant at) {
        this.status = to;
        this.openSamNo = null;
        this.closedAt = at;
    }

    public SamCaseView toView() {
        return new SamCaseView(caseNo, samNo, action, freezeReason, reason, urgent, status.name(), institutionCode,
                regionCode, requestedBy, requestedAt, reviewedBy, reviewComment, closedAt);
    }
}
