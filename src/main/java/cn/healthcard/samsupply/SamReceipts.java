package cn.healthcard.samsupply;

import cn.healthcard.common.NotFoundException;
import cn.healthcard.logistics.ItemKind;
import cn.healthcard.logistics.ShipmentReceipts;
import cn.healthcard.logistics.ShipmentService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SAM 签收单 / 交接单 (SAM-02, SAM-03) of a received SAM shipment: the logistics receipt
 * ({@link ShipmentReceipts}, {@code reports/shipment-receipt.html} with the item kind SAM) — the shipment and its
 * delivery, the boxes with their SAM number ranges, the warehouse-out and warehouse-in records with their responsible
 * unit and person — reached through the SAM screens and API, which answer only for SAM shipments.
 */
@Service
public class SamReceipts {

    private final ShipmentService shipments;
    private final ShipmentReceipts receipts;

    SamReceipts(ShipmentService shipments, ShipmentReceipts receipts) {
        this.shipments = shipments;
        this.receipts = receipts;
    }

    /** 404 for a shipment the caller may not see or that carries no SAM cards; 409 before it is received. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('WAREHOUSE','SUPERVISOR','ADMIN')")
    public byte[] receipt(String shipmentNo) {
        if (shipments.itemKind(shipmentNo) != ItemKind.SAM) {
            throw new NotFoundException("SAM卡运单不存在: " + shipmentNo);
        }
        return receipts.receipt(shipmentNo);
    }
}
