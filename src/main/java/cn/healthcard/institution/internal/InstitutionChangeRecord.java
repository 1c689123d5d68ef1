package cn.healthcard.institution.internal;

import cn.healthcard.institution.InstitutionChange;
import cn.healthcard.institution.InstitutionKind;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One row of the append-only exchange log of the register (ORG-01, ORG-03, ORG-04); never updated. */
@Entity
@Table(name = "institution_change")
class InstitutionChangeRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long seq;
    private String code;
    @Enumerated(EnumType.STRING)
    private InstitutionKind kind;
    private String regionCode;
    private long version;
    @Enumerated(EnumType.STRING)
    private InstitutionChange.Type changeType;
    private String payload;
    private Instant changedAt;
    private String changedBy;

    protected InstitutionChangeRecord() {
    }

    InstitutionChangeRecord(String code, InstitutionKind kind, String regionCode, long version,
                            InstitutionChange.Type changeType, String payload, Instant changedAt, String changedBy) {
        this.code = code;
        this.kind = kind;
        this.regionCode = regionCode;
        this.version = version;
        this.changeType = changeType;
        this.payload = payload;
        this.changedAt = changedAt;
        this.changedBy = changedBy;
    }

    InstitutionChange toChange() {
        return new InstitutionChange(seq, code, kind, regionCode, version, changeType, payload, changedAt, changedBy);
    }
}
