package cn.healthcard.logistics.internal;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

public interface ShipmentBoxRepository extends JpaRepository<ShipmentBox, ShipmentBox.Key> {

    @Query("select b from ShipmentBox b where b.key.shipmentId = :shipmentId order by b.key.boxNo")
    List<ShipmentBox> ofShipment(String shipmentId);
}
