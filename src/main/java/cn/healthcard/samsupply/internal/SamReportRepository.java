package cn.healthcard.samsupply.internal;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

public interface SamReportRepository extends JpaRepository<SamReport, String> {

    @Query("select r from SamReport r where r.provinceCode like concat(:prefix, '%') order by r.createdAt desc")
    List<SamReport> within(String prefix, Pageable page);

    List<SamReport> findByPlanNoOrderByReportNo(String planNo);
}
