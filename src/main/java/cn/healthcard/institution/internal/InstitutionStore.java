package cn.healthcard.institution.internal;

import cn.healthcard.common.RegionCode;
import cn.healthcard.institution.Institution;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** Persistence of institutions, kept behind the service. */
@Component
public class InstitutionStore {

    private final InstitutionRepository repository;

    InstitutionStore(InstitutionRepository repository) {
        this.repository = repository;
    }

    public Optional<Institution> find(String code) {
        return repository.findById(code).map(InstitutionEntity::toRecord);
    }

    public List<Institution> all() {
        return repository.findAll().stream().map(InstitutionEntity::toRecord).toList();
    }

    public Institution save(Institution institution) {
        return repository.save(new InstitutionEntity(institution)).toRecord();
    }

    interface InstitutionRepository extends JpaRepository<InstitutionEntity, String> {
    }

    @Entity
    @Table(name = "institution")
    static class InstitutionEntity {
        @Id
        private String code;
        private String name;
        private String regionCode;
        @Enumerated(EnumType.STRING)
        private cn.healthcard.institution.InstitutionKind kind;
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
}
