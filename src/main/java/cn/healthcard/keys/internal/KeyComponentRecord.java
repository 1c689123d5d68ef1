package cn.healthcard.keys.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One key component of a ceremony (table {@code key_component}), in the text of format {@code HCKC1}. Of a backup:
 * PENDING (wrapped under the device's KEK until its custodian takes it) then HELD (sealed under the custodian's
 * secret). Of a recovery: PRESENTED (opened by its custodian and wrapped under the device's KEK until the recovery
 * runs; cleared afterwards) or UNAVAILABLE. Never the component in plaintext.
 */
@Entity
@Table(name = "key_component")
public class KeyComponentRecord {

    public static final String PENDING = "PENDING";
    public static final String HELD = "HELD";
    public static final String PRESENTED = "PRESENTED";
    public static final String UNAVAILABLE = "UNAVAILABLE";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String ceremonyId;
    private int componentIndex;
    private int componentCount;
    private String custodian;
    private String status;
    private String checkValue;
    private String sealed;
    private Instant updatedAt;

    protected KeyComponentRecord() {
    }

    public KeyComponentRecord(String ceremonyId, int index, int count, String custodian, String status,
                              String checkValue, String sealed, Instant now) {
        this.ceremonyId = ceremonyId;
        this.componentIndex = index;
        this.componentCount = count;
        this.custodian = custodian;
        this.status = status;
        this.checkValue = checkValue;
        this.sealed = sealed;
        this.updatedAt = now;
    }

    public void held(String sealed, Instant now) {
        this.status = HELD;
        this.sealed = sealed;
        this.updatedAt = now;
    }

    /** Forgets the wrapped component once a recovery has run (whatever its outcome). */
    public void cleared(Instant now) {
        this.sealed = null;
        this.updatedAt = now;
    }

    public String ceremonyId() {
        return ceremonyId;
    }

    public int index() {
        return componentIndex;
    }

    public int count() {
        return componentCount;
    }

    public String custodian() {
        return custodian;
    }

    public String status() {
        return status;
    }

    public String checkValue() {
        return checkValue;
    }

    public String sealed() {
        return sealed;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
