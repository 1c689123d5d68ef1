package cn.healthcard.ehc.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface VisitCardRepository extends JpaRepository<VisitCard, Long> {
    List<VisitCard> findByMasterIndexIdOrderByRegisteredAtAsc(String masterIndexId);

    Optional<VisitCard> findByInstitutionCodeAndVisitCardNo(String institutionCode, String visitCardNo);
}
