package cn.healthcard.institution.internal;

import cn.healthcard.institution.InstitutionKind;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

interface InstitutionRepository extends JpaRepository<InstitutionEntity, String>,
        JpaSpecificationExecutor<InstitutionEntity> {

    List<InstitutionEntity> findByKind(InstitutionKind kind);

    List<InstitutionEntity> findByRegionCodeStartingWithOrderByRegionCodeAscCodeAsc(String regionPrefix);

    /** Active institutions in a region and those below it that are directly below the given centre. */
    List<InstitutionEntity> findByRegionCodeStartingWithAndSuperiorCodeAndActiveTrueOrderByCode(String regionPrefix,
                                                                                              String superiorCode);

    /** Active institutions directly below a centre, other than the centre itself. */
    @Query("select count(i) from InstitutionEntity i where i.superiorCode = ?1 and i.active = true")
    long countActiveBelow(String superiorCode);

    /** Rows of (kind, region, active, count) within a region prefix, for the counts (STAT-01). */
    @Query("select i.kind, i.regionCode, i.active, count(i) from InstitutionEntity i "
            + "where i.regionCode like ?1 group by i.kind, i.regionCode, i.active")
    List<Object[]> countByKindRegionActive(String regionPrefixPattern);
}
