package cn.healthcard.filing.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A filed product a centre uses (FIL-03): since when, how many, notes; one row per product and institution. */
@Entity
@Table(name = "filing_in_use")
public class ProductInUse {

    @Id
    private String id;
    private String filingId;
    private String institutionCode;
    private String regionCode;
    @Column(name = "in_use_since")
    private LocalDate since;
    private int quantity;
    private String notes;
    private String createdBy;
    private Instant createdAt;

    protected ProductInUse() {
    }

    public ProductInUse(String filingId, String institutionCode, String regionCode, LocalDate since, int quantity,
                        String notes, String createdBy, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.filingId = filingId;
        this.institutionCode = institutionCode;
        this.regionCode = regionCode;
        this.since = since;
        this.quantity = quantity;
        this.notes = notes;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    public void update(LocalDate since, int quantity, String notes) {
        this.since = since;
        this.quantity = quantity;
        this.notes = notes;
    }

    public String id() { return id; }
    public String filingId() { return filingId; }
    public String institutionCode() { return institutionCode; }
    public String regionCode() { return regionCode; }
    public LocalDate since() { return since; }
    public int quantity() { return quantity; }
    public String notes() { return notes; }
}
