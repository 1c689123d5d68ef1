package cn.healthcard.samsupply.internal;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

public interface SamPlanRepository extends JpaRepository<SamPlan, String> {

    @Query("select p from SamPlan p order by p.createdAt desc")
    List<SamPlan> newest(Pageable page);
}
