package cn.healthcard.logistics.internal;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

public interface ShipmentRepository extends JpaRepository<Shipment, String> {

    Optional<Shipment> findByShipmentNo(String shipmentNo);

    Optional<Shipment> findBySealedBatchNo(String sealedBatchNo);

    boolean existsByBatchNoAndKind(String batchNo, cn.healthcard.logistics.ShipmentKind kind);

    /** Shipments sent from or to the region prefix, newest first. */
    @Query("select s from Shipment s where s.senderRegion like concat(:prefix, '%') "
            + "or s.receiverRegion like concat(:prefix, '%') order by s.createdAt desc")
    List<Shipment> within(String prefix, Pageable page);

    /** Shipments sent from or to one institution, newest first. */
    @Query("select s from Shipment s where s.senderCode = :code or s.receiverCode = :code order by s.createdAt desc")
    List<Shipment> ofInstitution(String code, Pageable page);
}
