package cn.healthcard.keys.internal;

import cn.healthcard.keys.CeremonyStatus;
import cn.healthcard.keys.KeyOperation;
import cn.healthcard.keys.KeyPurpose;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A key ceremony (table {@code key_ceremony}): one operation under the two-person rule, from its start by one key
 * administrator through the co-signature of another to its outcome. A backup ceremony is also the backup: its id is
 * the backup's id and its components are the backup's components.
 */
@Entity
@Table(name = "key_ceremony")
public class KeyCeremony {

    @Id
    private String id;
    @Enumerated(EnumType.STRING)
    private KeyOperation operation;
    @Enumerated(EnumType.STRING)
    private KeyPurpose purpose;
    private Integer keyLevel;
    private String regionCode;
    private String keyLabel;
    private Integer keyVersion;
    private String keyCheckValue;
    private String backupId;
    private String custodians;
    private String reason;
    @Enumerated(EnumType.STRING)
    private CeremonyStatus status;
    private String initiatedBy;
    private Instant initiatedAt;
    private String cosignedBy;
    private Instant cosignedAt;
    private String cosignComment;
    private String outcome;
    private Instant completedAt;
    private String processInstanceId;
    @Version
    private long version;

    protected KeyCeremony() {
    }

    public KeyCeremony(String id, KeyOperation operation, KeyPurpose purpose, Integer keyLevel, String regionCode,
                       String keyLabel, Integer keyVersion, String keyCheckValue, String backupId,
                       List<String> custodians, String reason, String initiatedBy, Instant now) {
        this.id = id;
        this.operation = operation;
        this.purpose = purpose;
        this.keyLevel = keyLevel;
        this.regionCode = regionCode;
        this.keyLabel = keyLabel;
        this.keyVersion = keyVersion;
        this.keyCheckValue = keyCheckValue;
        this.backupId = backupId;
        this.custodians = custodians.isEmpty() ? null : String.join(",", custodians);
        this.reason = reason;
        this.initiatedBy = initiatedBy;
        this.initiatedAt = now;
        this.status = CeremonyStatus.AWAITING_COSIGN;
    }

    public void processStarted(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    /** The co-signature of a second key administrator (never the initiator: checked by the service). */
    public void coSigned(String by, boolean approved, String comment, Instant now) {
        require(CeremonyStatus.AWAITING_COSIGN);
        cosignedBy = by;
        cosignedAt = now;
        cosignComment = comment;
        if (!approved) {
            status = CeremonyStatus.REFUSED;
            outcome = "复核人不同意执行";
            completedAt = now;
        } else if (operation == KeyOperation.RECOVER) {
            status = CeremonyStatus.AWAITING_CUSTODIANS;
        }
    }

    public void awaitCustodians(String message) {
        status = CeremonyStatus.AWAITING_CUSTODIANS;
        outcome = message;
    }

    public void completed(String message, Instant now) {
        status = CeremonyStatus.COMPLETED;
        outcome = message;
        completedAt = now;
    }

    public void failed(String message, Instant now) {
        status = CeremonyStatus.FAILED;
        outcome = message.length() > 1000 ? message.substring(0, 1000) : message;
        completedAt = now;
    }

    /** The key version and check value a generation or update made. */
    public void made(int version, String checkValue) {
        keyVersion = version;
        keyCheckValue = checkValue;
    }

    public void require(CeremonyStatus expected) {
        if (status != expected) {
            throw new cn.healthcard.common.ConflictException("KEY_CEREMONY_STATE",
                    "密钥仪式 " + id + " 当前为「" + status.nameZh() + "」，不能办理此步骤");
        }
    }

    public String id() {
        return id;
    }

    public KeyOperation operation() {
        return operation;
    }

    public KeyPurpose purpose() {
        return purpose;
    }

    public Integer keyLevel() {
        return keyLevel;
    }

    public String regionCode() {
        return regionCode;
    }

    public String keyLabel() {
        return keyLabel;
    }

    public Integer keyVersion() {
        return keyVersion;
    }

    public String keyCheckValue() {
        return keyCheckValue;
    }

    public String backupId() {
        return backupId;
    }

    public List<String> custodians() {
        return custodians == null ? List.of() : Arrays.asList(custodians.split(","));
    }

    public String reason() {
        return reason;
    }

    public CeremonyStatus status() {
        return status;
    }

    public String initiatedBy() {
        return initiatedBy;
    }

    public Instant initiatedAt() {
        return initiatedAt;
    }

    public String cosignedBy() {
        return cosignedBy;
    }

    public Instant cosignedAt() {
        return cosignedAt;
    }

    public String cosignComment() {
        return cosignComment;
    }

    public String outcome() {
        return outcome;
    }

    public Instant completedAt() {
        return completedAt;
    }

    /** {@code label vN}, or the label before a generation ran. */
    public String keyRef() {
        return keyVersion == null ? keyLabel : keyLabel + " v" + keyVersion;
    }
}
