package cn.healthcard.filing.internal;

import cn.healthcard.filing.FilingChannel;
import cn.healthcard.filing.FilingStatus;
import cn.healthcard.filing.ProductType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A product filing (产品备案): the application ({@code caseNo}, the business key of its process) and, once approved,
 * the filing itself ({@code filingNo}, validity period). In the catalogue while {@link FilingStatus#FILED}.
 */
@Entity
@Table(name = "product_filing")
public class ProductFiling {

    @Id
    private String id;
    private String caseNo;
    private String filingNo;
    private String manufacturerId;
    @Enumerated(EnumType.STRING)
    private ProductType productType;
    private String model;
    private String productVersion;
    private String description;
    @Enumerated(EnumType.STRING)
    private FilingChannel channel;
    @Enumerated(EnumType.STRING)
    private FilingStatus status;
    private LocalDate validFrom;
    private LocalDate validUntil;
    private Instant remindedAt;
    private String reviewComment;
    private String reviewedBy;
    private Instant reviewedAt;
    private String revokeReason;
    private String revokedBy;
    private Instant revokedAt;
    private String processInstanceId;
    private String createdBy;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private long version;
    /** Who completed and resubmitted it after a send-back (the reviewer must be none of them, nor the submitter). */
    @ElementCollection
    @CollectionTable(name = "product_filing_editor", joinColumns = @JoinColumn(name = "filing_id"))
    @Column(name = "username")
    private Set<String> resubmittedBy = new HashSet<>();

    protected ProductFiling() {
    }

    public ProductFiling(String caseNo, String manufacturerId, ProductType productType, String model,
                         String productVersion, String description, FilingChannel channel, String createdBy,
                         Instant now) {
        this.id = UUID.randomUUID().toString();
        this.caseNo = caseNo;
        this.manufacturerId = manufacturerId;
        this.productType = productType;
        this.model = model;
        this.productVersion = productVersion;
        this.description = description;
        this.channel = channel;
        this.status = FilingStatus.IN_REVIEW;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void processStarted(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    /** The applicant completed the application (version, description) after a send-back. */
    public void completed(String productVersion, String description, String by, Instant now) {
        this.resubmittedBy.add(by);
        this.productVersion = productVersion;
        this.description = description;
        this.status = FilingStatus.IN_REVIEW;
        this.updatedAt = now;
    }

    /** The national level corrects a filing's version or description (FIL-02). */
    public void modified(String productVersion, String description, Instant now) {
        this.productVersion = productVersion;
        this.description = description;
        this.updatedAt = now;
    }

    public void reviewed(String comment, String reviewer, Instant now) {
        this.reviewComment = comment;
        this.reviewedBy = reviewer;
        this.reviewedAt = now;
        this.updatedAt = now;
    }

    public void filed(String filingNo, LocalDate from, LocalDate until, Instant now) {
        this.filingNo = filingNo;
        this.validFrom = from;
        this.validUntil = until;
        this.status = FilingStatus.FILED;
        this.updatedAt = now;
    }

    public void reminded(Instant now) {
        this.remindedAt = now;
        this.updatedAt = now;
    }

    public void revoked(String reason, String by, Instant now) {
        this.revokeReason = reason;
        this.revokedBy = by;
        this.revokedAt = now;
        this.status = FilingStatus.REVOKED;
        this.updatedAt = now;
    }

    public void moved(FilingStatus to, Instant now) {
        this.status = to;
        this.updatedAt = now;
    }

    public String id() { return id; }
    public String caseNo() { return caseNo; }
    public String filingNo() { return filingNo; }
    public String manufacturerId() { return manufacturerId; }
    public ProductType productType() { return productType; }
    public String model() { return model; }
    public String productVersion() { return productVersion; }
    public String description() { return description; }
    public FilingChannel channel() { return channel; }
    public FilingStatus status() { return status; }
    public LocalDate validFrom() { return validFrom; }
    public LocalDate validUntil() { return validUntil; }
    public Instant remindedAt() { return remindedAt; }
    public String reviewComment() { return reviewComment; }
    public String reviewedBy() { return reviewedBy; }
    public Instant reviewedAt() { return reviewedAt; }
    public String revokeReason() { return revokeReason; }
    public String revokedBy() { return revokedBy; }
    public Instant revokedAt() { return revokedAt; }
    public String processInstanceId() { return processInstanceId; }
    public String createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }
    public Set<String> resubmittedBy() { return Set.copyOf(resubmittedBy); }
}
