package cn.healthcard.keys.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An institution that receives keys, and the transport KEK the device shares with it (table {@code key_receiver}). */
@Entity
@Table(name = "key_receiver")
public class KeyReceiver {

    @Id
    private String institutionCode;
    private String transportLabel;
    private int transportVersion;
    private String transportCheckValue;
    private String registeredBy;
    private Instant registeredAt;

    protected KeyReceiver() {
    }

    public KeyReceiver(String institutionCode, String transportLabel, int transportVersion,
                       String transportCheckValue, String registeredBy, Instant registeredAt) {
        this.institutionCode = institutionCode;
        registered(transportLabel, transportVersion, transportCheckValue, registeredBy, registeredAt);
    }

    public void registered(String label, int version, String checkValue, String by, Instant at) {
        this.transportLabel = label;
        this.transportVersion = version;
        this.transportCheckValue = checkValue;
        this.registeredBy = by;
        this.registeredAt = at;
    }

    public String institutionCode() {
        return institutionCode;
    }

    public String transportLabel() {
        return transportLabel;
    }

    public int transportVersion() {
        return transportVersion;
    }

    public String transportCheckValue() {
        return transportCheckValue;
    }

    public String registeredBy() {
        return registeredBy;
    }

    public Instant registeredAt() {
        return registeredAt;
    }
}
