package cn.healthcard.samsupply.internal;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

public interface SamPlanRepository extends JpaRepository<SamPlan, String> {

    /** Plans holding at least one order of an application in the region (prefix), newest first. */
    @Query("select p from SamPlan p where exists (select o.orderNo from SamOrder o where o.planNo = p.planNo"
            + " and o.regionCode like concat(:prefix, '%')) order by p.createdAt desc")
    List<SamPlan> within(String prefix, Pageable page);
}
