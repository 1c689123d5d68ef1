package cn.healthcard.lifecycle.internal;

import cn.healthcard.common.ConflictException;
import cn.healthcard.crypto.Encrypted;
import cn.healthcard.lifecycle.RequestStatus;
import cn.healthcard.lifecycle.RequestType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** A card lifecycle request (挂失/解挂/解锁/补换/注销). The form data (personal data) is encrypted at rest. */
@Entity
@Table(name = "card_request")
public class CardRequest {

    @Id
    private String id;
    @Enumerated(EnumType.STRING)
    private RequestType requestType;
    private String cardNo;
    private String residentId;
    private String regionCode;
    private String institutionCode;
    @Enumerated(EnumType.STRING)
    private RequestStatus status;
    private String channel;
    @Encrypted
    private String formData;
    private String processInstanceId;
    private String reviewComment;
    private String reviewedBy;
    private Instant reviewedAt;
    private String newCardNo;
    private String temporaryCardNo;
    private BigDecimal feeAmount;
    private String createdBy;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private long version;

    protected CardRequest() {
    }

    public CardRequest(String id, RequestType type, String cardNo, String residentId, String regionCode,
                       String institutionCode, String channel, String formData, BigDecimal feeAmount,
                       String createdBy, Instant now) {
        this.id = id;
        this.requestType = type;
        this.cardNo = cardNo;
        this.residentId = residentId;
        this.regionCode = regionCode;
        this.institutionCode = institutionCode;
        this.channel = channel;
        this.formData = formData;
        this.feeAmount = feeAmount;
        this.createdBy = createdBy;
        this.status = RequestStatus.SUBMITTED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void processStarted(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    public void reviewed(RequestStatus to, String comment, String reviewer, Instant now) {
        move(EnumSet.of(RequestStatus.SUBMITTED), to);
        reviewComment = comment;
        reviewedBy = reviewer;
        reviewedAt = now;
        updatedAt = now;
    }

    public void resubmitted(String formData, BigDecimal feeAmount, Instant now) {
        move(EnumSet.of(RequestStatus.RETURNED), RequestStatus.SUBMITTED);
        this.formData = formData;
        this.feeAmount = feeAmount;
        updatedAt = now;
    }

    /** The clerk withdrew the sent-back request (the reason is in the audit trail). */
    public void withdrawn(Instant now) {
        move(EnumSet.of(RequestStatus.RETURNED), RequestStatus.WITHDRAWN);
        updatedAt = now;
    }

    public void rejected(String reason, Instant now) {
        move(EnumSet.of(RequestStatus.SUBMITTED, RequestStatus.REJECTED), RequestStatus.REJECTED);
        if (reviewComment == null) {
            reviewComment = reason;
        }
        updatedAt = now;
    }

    public void completed(Instant now) {
        move(EnumSet.of(RequestStatus.APPROVED), RequestStatus.COMPLETED);
        updatedAt = now;
    }

    public void temporaryCardIssued(String number) {
        this.temporaryCardNo = number;
    }

    public void newCardProduced(String number, Instant now) {
        this.newCardNo = number;
        this.updatedAt = now;
    }

    /** The new card was lost or damaged in transit and voided: the request waits for its next card (issue #13). */
    public void newCardVoided(Instant now) {
        this.newCardNo = null;
        this.updatedAt = now;
    }

    private void move(Set<RequestStatus> from, RequestStatus to) {
        if (!from.contains(status)) {
            throw new ConflictException("ILLEGAL_STATE",
                    "业务 " + id + " 当前状态为「" + status.nameZh() + "」，不能变为「" + to.nameZh() + "」");
        }
        status = to;
    }

    public String id() { return id; }
    public RequestType type() { return requestType; }
    public String cardNo() { return cardNo; }
    public String residentId() { return residentId; }
    public String regionCode() { return regionCode; }
    public String institutionCode() { return institutionCode; }
    public RequestStatus status() { return status; }
    public String channel() { return channel; }
    public String formData() { return formData; }
    public String processInstanceId() { return processInstanceId; }
    public String reviewComment() { return reviewComment; }
    public String reviewedBy() { return reviewedBy; }
    public Instant reviewedAt() { return reviewedAt; }
    public String newCardNo() { return newCardNo; }
    public String temporaryCardNo() { return temporaryCardNo; }
    public BigDecimal feeAmount() { return feeAmount; }
    public String createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
}
