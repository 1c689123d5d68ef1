package cn.healthcard.ehc.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A master index (主索引, EHC-01): one per person; what it links is in the tables beside it. */
@Entity
@Table(name = "ehc_master_index")
public class MasterIndex {

    @Id
    private String id;
    private String regionCode;
    private Instant createdAt;
    private String createdBy;

    protected MasterIndex() {
    }

    public MasterIndex(String id, String regionCode, Instant createdAt, String createdBy) {
        this.id = id;
        this.regionCode = regionCode;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    public String id() { return id; }
    public String regionCode() { return regionCode; }
    public Instant createdAt() { return createdAt; }
}
