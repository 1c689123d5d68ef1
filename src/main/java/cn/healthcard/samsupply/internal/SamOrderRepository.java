package cn.healthcard.samsupply.internal;

import cn.healthcard.samsupply.SamOrderStatus;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface SamOrderRepository extends JpaRepository<SamOrder, String> {

    List<SamOrder> findByPlanNoOrderByOrderNo(String planNo);

    /**
     * Claims an order for one sender (ORDERED, or SENDING with a claim older than {@code stale} — a sender that
     * died): 1 when this caller got it, 0 when another sender holds it or it is settled.
     */
    @org.springframework.data.jpa.repository.Modifying(flushAutomatically = true, clearAutomatically = true)
    @org.springframework.data.jpa.repository.Query("update SamOrder o set o.status = :sending, o.claimedAt = :now,"
            + " o.version = o.version + 1 where o.orderNo = :orderNo and (o.status = :ordered"
            + " or (o.status = :sending and o.claimedAt < :stale))")
    int claim(String orderNo, java.time.Instant now, java.time.Instant stale, SamOrderStatus ordered,
              SamOrderStatus sending);

    /** Orders due for a (re)send: ORDERED past their back-off, or SENDING with a stale claim; oldest first. */
    @org.springframework.data.jpa.repository.Query("select o.orderNo from SamOrder o where (o.status = :ordered"
            + " and o.nextAttemptAt <= :now) or (o.status = :sending and o.claimedAt < :stale) order by o.orderedAt")
    List<String> due(java.time.Instant now, java.time.Instant stale, SamOrderStatus ordered, SamOrderStatus sending,
                     org.springframework.data.domain.Pageable page);

    Optional<SamOrder> findByShipmentNo(String shipmentNo);

    Optional<SamOrder> findByBatchNo(String batchNo);
}
