package cn.healthcard.logistics.internal;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

public interface WarehouseMovementRepository extends JpaRepository<WarehouseMovement, String> {

    @Query("select m from WarehouseMovement m where m.regionCode like concat(:prefix, '%') order by m.createdAt desc")
    List<WarehouseMovement> within(String prefix, Pageable page);

    List<WarehouseMovement> findByShipmentNo(String shipmentNo);

    List<WarehouseMovement> findByInstitutionCodeOrderByCreatedAtDesc(String institutionCode, Pageable page);
}
