package cn.healthcard.samsupply.internal;

import cn.healthcard.samsupply.SamApplicationStatus;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface SamApplicationRepository extends JpaRepository<SamApplication, String> {

    Optional<SamApplication> findByApplicationNo(String applicationNo);

    List<SamApplication> findByApplicationNoIn(Collection<String> applicationNos);

    List<SamApplication> findByReportNoOrderByApplicationNo(String reportNo);

    List<SamApplication> findByPlanNoOrderByApplicationNo(String planNo);

    /** Applications within a region prefix, optionally of one status, newest first. */
    @Query("select a from SamApplication a where a.regionCode like concat(:prefix, '%') "
            + "and (:status is null or a.status = :status) order by a.createdAt desc")
    List<SamApplication> within(String prefix, SamApplicationStatus status, Pageable page);
}
