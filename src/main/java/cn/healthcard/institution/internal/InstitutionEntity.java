package cn.healthcard.institution.internal;

import cn.healthcard.common.RegionCode;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionDetails;
import cn.healthcard.institution.InstitutionForm;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionStatus;
import cn.healthcard.institution.MedicalCategory;
import cn.healthcard.institution.MedicalNature;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A row of the register. {@code active} is the status (false = cancelled); the row is never deleted. */
@Entity
@Table(name = "institution")
class InstitutionEntity {
    @Id
    private String code;
    private String name;
    private String regionCode;
    @Enumerated(EnumType.STRING)
    private InstitutionKind kind;
    private boolean active;
    private String superiorCode;
    private String contact;
    private String phone;
    private String address;
    private String head;
    @Enumerated(EnumType.STRING)
    private MedicalNature nature;
    @Enumerated(EnumType.STRING)
    private MedicalCategory category;
    private String creditCode;
    private String medicalCode;
    private Instant registeredAt;
    private Instant cancelledAt;
    private String cancelReason;
    @Version
    private Long version;

    protected InstitutionEntity() {
    }

    /** The bare reference, as set-up and demo data register it. */
    InstitutionEntity(Institution i, String superiorCode, Instant now) {
        this.code = i.code();
        this.name = i.name();
        this.regionCode = i.region().value();
        this.kind = i.kind();
        this.superiorCode = superiorCode;
        this.active = true;
        this.registeredAt = now;
    }

    /** A new institution from a checked form. */
    InstitutionEntity(InstitutionForm form, String superiorCode, Instant now) {
        this.code = form.code().strip();
        this.kind = form.kind();
        this.active = true;
        this.registeredAt = now;
        apply(form, superiorCode);
    }

    /** Writes the form's fields (not code and kind, which never change). */
    void apply(InstitutionForm form, String superiorCode) {
        this.name = form.name().strip();
        this.regionCode = form.regionCode().strip();
        this.superiorCode = superiorCode;
        this.contact = blankToNull(form.contact());
        this.phone = blankToNull(form.phone());
        this.address = blankToNull(form.address());
        this.head = blankToNull(form.head());
        boolean medical = kind == InstitutionKind.MEDICAL;
        this.nature = medical ? form.nature() : null;
        this.category = medical ? form.category() : null;
        this.creditCode = medical || kind == InstitutionKind.CARD_MAKER ? blankToNull(form.creditCode()) : null;
        this.medicalCode = medical ? blankToNull(form.medicalCode()) : null;
    }

    /** Moves it under another centre (a new centre of its region took over from the one above). */
    void reparent(String superiorCode) {
        this.superiorCode = superiorCode;
    }

    void cancel(String reason, Instant now) {
        this.active = false;
        this.cancelReason = reason;
        this.cancelledAt = now;
    }

    /** For the optimistic lock check before a change: the version the caller saw must be this one. */
    long version() {
        return version == null ? 0 : version;
    }

    String code() {
        return code;
    }

    boolean active() {
        return active;
    }

    Institution toRecord() {
        return new Institution(code, name, RegionCode.of(regionCode), kind);
    }

    InstitutionDetails toDetails() {
        return new InstitutionDetails(code, name, kind, RegionCode.of(regionCode), superiorCode, contact, phone,
                address, head, nature, category, creditCode, medicalCode,
                active ? InstitutionStatus.ACTIVE : InstitutionStatus.CANCELLED, registeredAt, cancelledAt,
                cancelReason, version());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
