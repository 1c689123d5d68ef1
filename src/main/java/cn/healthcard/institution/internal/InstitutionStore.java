package cn.healthcard.institution.internal;

import cn.healthcard.institution.Institution;
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
}
