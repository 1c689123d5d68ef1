package cn.healthcard.institution.internal;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface InstitutionChangeRepository extends JpaRepository<InstitutionChangeRecord, Long> {

    List<InstitutionChangeRecord> findBySeqGreaterThanAndRegionCodeStartingWithOrderBySeqAsc(long since,
                                                                                              String regionPrefix,
                                                                                              Limit limit);

    List<InstitutionChangeRecord> findByCodeOrderBySeqAsc(String code);
}
