package cn.healthcard.keys.internal;

import cn.healthcard.keys.KeyLevel;
import cn.healthcard.keys.KeyPurpose;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One key version in the key registry (table {@code key_registry}): where it sits in the hierarchy and where it came
 * from. Metadata only; the crypto device holds the key and is the authority on its state.
 */
@Entity
@Table(name = "key_registry")
public class KeyRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String label;
    private int version;
    @Enumerated(EnumType.STRING)
    private KeyPurpose purpose;
    private int keyLevel;
    private String regionCode;
    private String parentLabel;
    private Integer parentVersion;
    private String diversification;
    private String checkValue;
    private String state;
    private String ceremonyId;
    private String createdBy;
    private String approvedBy;
    private Instant createdAt;
    private String archivedBy;
    private Instant archivedAt;

    protected KeyRecord() {
    }

    public KeyRecord(String label, int version, KeyPurpose purpose, KeyLevel level, String regionCode,
                     String parentLabel, Integer parentVersion, String diversification, String checkValue,
                     String ceremonyId, String createdBy, String approvedBy, Instant createdAt) {
        this.label = label;
        this.version = version;
        this.purpose = purpose;
        this.keyLevel = level.number();
        this.regionCode = regionCode;
        this.parentLabel = parentLabel;
        this.parentVersion = parentVersion;
        this.diversification = diversification;
        this.checkValue = checkValue;
        this.state = "ACTIVE";
        this.ceremonyId = ceremonyId;
        this.createdBy = createdBy;
        this.approvedBy = approvedBy;
        this.createdAt = createdAt;
    }

    public void archived(String by, Instant at) {
        state = "ARCHIVED";
        archivedBy = by;
        archivedAt = at;
    }

    public void restored() {
        state = "ACTIVE";
    }

    public String label() {
        return label;
    }

    public int version() {
        return version;
    }

    public String parent() {
        return parentLabel == null ? null : parentLabel + " v" + parentVersion;
    }

    public String ceremonyId() {
        return ceremonyId;
    }

    public String createdBy() {
        return createdBy;
    }

    public String approvedBy() {
        return approvedBy;
    }
}
