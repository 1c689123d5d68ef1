package cn.healthcard.institution.internal;

import org.springframework.data.jpa.repository.JpaRepository;

interface InstitutionRepository extends JpaRepository<InstitutionEntity, String> {
}
