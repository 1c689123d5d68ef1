package cn.healthcard.samsupply.internal;

import cn.healthcard.samsupply.SamOrderStatus;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface SamOrderRepository extends JpaRepository<SamOrder, String> {

    List<SamOrder> findByPlanNoOrderByOrderNo(String planNo);

    List<SamOrder> findByStatusOrderByOrderedAt(SamOrderStatus status);

    List<SamOrder> findByOrderedAtGreaterThanEqualAndOrderedAtLessThanOrderByOrderedAt(java.time.Instant from,
                                                                                    java.time.Instant to);

    Optional<SamOrder> findByShipmentNo(String shipmentNo);

    Optional<SamOrder> findByBatchNo(String batchNo);
}
