package cn.healthcard.institution.internal;

import cn.healthcard.common.RegionCode;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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

    protected InstitutionEntity() {
    }

    InstitutionEntity(Institution i) {
        this.code = i.code();
        this.name = i.name();
        this.regionCode = i.region().value();
        this.kind = i.kind();
        this.active = true;
    }

    Institution toRecord() {
        return new Institution(code, name, RegionCode.of(regionCode), kind);
    }
}
