package cn.healthcard.issuance.internal;

import cn.healthcard.common.ConflictException;
import cn.healthcard.crypto.Encrypted;
import cn.healthcard.issuance.ApplicationStatus;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** A card application case. Status moves only through the methods below, each checking where it comes from. */
@Entity
@Table(name = "card_application")
public class CardApplication {

    @Id
    private String id;
    private String residentId;
    private String institutionCode;
    private String regionCode;
    @Enumerated(EnumType.STRING)
    private ApplicationStatus status;
    private String channel;
    private String processInstanceId;
    private String cardNo;
    private String reviewComment;
    private String reviewedBy;
    private Instant reviewedAt;
    private String productionRef;
    private Instant pickedUpAt;
    private String pickedUpBy;
    @Encrypted
    private String agentNameEnc;
    private String agentDocumentType;
    @Encrypted
    private String agentDocumentEnc;
    private String pickupClerk;
    private String createdBy;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private long version;

    protected CardApplication() {
    }

    public CardApplication(String id, String residentId, String institutionCode, String regionCode, String channel,
                           String createdBy, Instant now) {
        this.id = id;
        this.residentId = residentId;
        this.institutionCode = institutionCode;
        this.regionCode = regionCode;
        this.channel = channel;
        this.createdBy = createdBy;
        this.status = ApplicationStatus.SUBMITTED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void processStarted(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    public void reviewed(ApplicationStatus to, String comment, String reviewer, Instant now) {
        move(EnumSet.of(ApplicationStatus.SUBMITTED), to);
        this.reviewComment = comment;
        this.reviewedBy = reviewer;
        this.reviewedAt = now;
        this.updatedAt = now;
    }

    public void resubmitted(Instant now) {
        move(EnumSet.of(ApplicationStatus.RETURNED), ApplicationStatus.SUBMITTED);
        this.updatedAt = now;
    }

    /** The clerk withdrew the returned application (the reason is in the audit trail). */
    public void withdrawn(Instant now) {
        move(EnumSet.of(ApplicationStatus.RETURNED), ApplicationStatus.WITHDRAWN);
        this.updatedAt = now;
    }

    public void rejected(String reason, Instant now) {
        move(EnumSet.of(ApplicationStatus.SUBMITTED, ApplicationStatus.REJECTED), ApplicationStatus.REJECTED);
        if (reviewComment == null) {
            reviewComment = reason;
        }
        this.updatedAt = now;
    }

    public void productionRequested(String productionRef, Instant now) {
        move(EnumSet.of(ApplicationStatus.IN_PRODUCTION), ApplicationStatus.IN_PRODUCTION);
        this.productionRef = productionRef;
        this.updatedAt = now;
    }

    public void cardReady(String cardNo, Instant now) {
        move(EnumSet.of(ApplicationStatus.IN_PRODUCTION), ApplicationStatus.READY);
        this.cardNo = cardNo;
        this.updatedAt = now;
    }

    /** The card waiting for pick-up was lost in transit and is void: the case waits for its replacement card. */
    public void cardVoided(Instant now) {
        move(EnumSet.of(ApplicationStatus.READY), ApplicationStatus.IN_PRODUCTION);
        this.cardNo = null;
        this.updatedAt = now;
    }

    public void pickedUp(boolean bySelf, String agentName, String agentDocumentType, String agentDocument,
                         String clerk, Instant now) {
        move(EnumSet.of(ApplicationStatus.READY), ApplicationStatus.ISSUED);
        this.pickedUpBy = bySelf ? "SELF" : "AGENT";
        this.agentNameEnc = agentName;
        this.agentDocumentType = agentDocumentType;
        this.agentDocumentEnc = agentDocument;
        this.pickupClerk = clerk;
        this.pickedUpAt = now;
        this.updatedAt = now;
    }

    private void move(Set<ApplicationStatus> from, ApplicationStatus to) {
        if (!from.contains(status)) {
            throw new ConflictException("ILLEGAL_STATE",
                    "申领 " + id + " 当前状态为「" + status.nameZh() + "」，不能变为「" + to.nameZh() + "」");
        }
        status = to;
    }

    public String id() { return id; }
    public String residentId() { return residentId; }
    public String institutionCode() { return institutionCode; }
    public String regionCode() { return regionCode; }
    public ApplicationStatus status() { return status; }
    public String channel() { return channel; }
    public String processInstanceId() { return processInstanceId; }
    public String cardNo() { return cardNo; }
    public String reviewComment() { return reviewComment; }
    public String createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public Instant pickedUpAt() { return pickedUpAt; }
    public boolean pickedUpBySelf() { return "SELF".equals(pickedUpBy); }
    public String agentName() { return agentNameEnc; }
    public String agentDocument() { return agentDocumentEnc; }
    public String pickupClerk() { return pickupClerk; }
}
