package cn.healthcard.resident.internal;

import cn.healthcard.crypto.Encrypted;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A resident's stored record. Document number, name, phone, address and medical alerts are SM4-encrypted at rest;
 * the document and the name are found through keyed SM3 indexes (see docs/decisions/003-personal-data-at-rest.md).
 */
@Entity
@Table(name = "resident")
public class Resident {

    @Id
    private String id;
    private String documentType;
    private String documentIndex;
    @Encrypted
    private String documentNoEnc;
    @Encrypted
    private String nameEnc;
    private String nameIndex;
    private String sex;
    private String ethnicity;
    private LocalDate birthDate;
    @Encrypted
    private String phoneEnc;
    @Encrypted
    private String addressEnc;
    private String bloodTypeAbo;
    private String bloodTypeRh;
    @Encrypted
    private String medicalAlertsEnc;
    private String regionCode;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private long version;

    protected Resident() {
    }

    public Resident(String id, String documentType, String documentIndex, String documentNumber, String regionCode,
                    Instant now) {
        this.id = id;
        this.documentType = documentType;
        this.documentIndex = documentIndex;
        this.documentNoEnc = documentNumber;
        this.regionCode = regionCode;
        this.createdAt = now;
    }

    public void update(String name, String nameIndex, String sex, String ethnicity, LocalDate birthDate, String phone,
                       String address, String bloodTypeAbo, String bloodTypeRh, String medicalAlerts, Instant now) {
        this.nameEnc = name;
        this.nameIndex = nameIndex;
        this.sex = sex;
        this.ethnicity = ethnicity;
        this.birthDate = birthDate;
        this.phoneEnc = phone;
        this.addressEnc = address;
        this.bloodTypeAbo = bloodTypeAbo;
        this.bloodTypeRh = bloodTypeRh;
        this.medicalAlertsEnc = medicalAlerts;
        this.updatedAt = now;
    }

    public String id() { return id; }
    public String documentType() { return documentType; }
    public String documentIndex() { return documentIndex; }
    public String documentNumber() { return documentNoEnc; }
    public String name() { return nameEnc; }
    public String nameIndex() { return nameIndex; }
    public String sex() { return sex; }
    public String ethnicity() { return ethnicity; }
    public LocalDate birthDate() { return birthDate; }
    public String phone() { return phoneEnc; }
    public String address() { return addressEnc; }
    public String bloodTypeAbo() { return bloodTypeAbo; }
    public String bloodTypeRh() { return bloodTypeRh; }
    public String medicalAlerts() { return medicalAlertsEnc; }
    public String regionCode() { return regionCode; }
}
