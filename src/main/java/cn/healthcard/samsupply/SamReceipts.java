package cn.healthcard.samsupply;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.common.NotFoundException;
import cn.healthcard.logistics.ItemKind;
import cn.healthcard.logistics.MovementView;
import cn.healthcard.logistics.ShipmentService;
import cn.healthcard.logistics.ShipmentStatus;
import cn.healthcard.logistics.ShipmentView;
import cn.healthcard.logistics.WarehouseService;
import cn.healthcard.report.ReportService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SAM 签收单 / 交接单 (SAM-02, SAM-03) of a received SAM shipment as PDF from {@code reports/sam-receipt.html}:
 * the shipment and its delivery (waybill, delivery person, expected and actual dates), the boxes with their SAM number
 * ranges, and the warehouse-out and warehouse-in records with their responsible unit and person.
 */
@Service
public class SamReceipts {

    public static final String TEMPLATE = "sam-receipt";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final ShipmentService shipments;
    private final WarehouseService warehouse;
    private final ReportService reports;

    SamReceipts(ShipmentService shipments, WarehouseService warehouse, ReportService reports) {
        this.shipments = shipments;
        this.warehouse = warehouse;
        this.reports = reports;
    }

    /** 404 for a shipment the caller may not see or that carries no SAM cards; 409 before it is received. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('WAREHOUSE','SUPERVISOR','ADMIN')")
    public byte[] receipt(String shipmentNo) {
        if (shipments.itemKind(shipmentNo) != ItemKind.SAM) {
            throw new NotFoundException("SAM卡运单不存在: " + shipmentNo);
        }
        ShipmentView s = shipments.get(shipmentNo);
        if (s.status() != ShipmentStatus.RECEIVED) {
            throw new ConflictException("SHIPMENT_NOT_RECEIVED", "运单 " + shipmentNo + " 尚未签收（"
                    + s.status().nameZh() + "）");
        }
        List<MovementView> movements = warehouse.ofShipment(shipmentNo);
        return reports.document(TEMPLATE, values(s), Map.of(
                "boxes", s.boxes().stream().map(b -> Map.of("boxNo", b.boxNo(), "sealNo", dash(b.sealNo()),
                        "firstNo", b.firstCard(), "lastNo", b.lastCard(), "count", String.valueOf(b.cardCount()),
                        "statusName", b.status().nameZh())).toList(),
                "movements", movements.stream().map(m -> Map.of("movementNo", m.movementNo(),
                        "direction", "IN".equals(m.direction()) ? "入库" : "出库", "quantity",
                        m.quantity() + " 张", "ranges", m.cardRanges(), "unit", m.responsibleUnit(),
                        "person", m.responsiblePerson(), "at", time(m.createdAt()))).toList()));
    }

    static Map<String, String> values(ShipmentView s) {
        Map<String, String> v = new HashMap<>();
        v.put("shipmentNo", s.shipmentNo());
        v.put("kindName", s.kind().nameZh());
        v.put("sender", s.senderName() + "（" + s.senderCode() + "）");
        v.put("receiver", s.receiverName() + "（" + s.receiverCode() + "）");
        v.put("receiverName", s.receiverName());
        v.put("batchNo", dash(s.batchNo()));
        v.put("count", s.cardCount() + " 张");
        v.put("waybillNo", dash(s.waybillNo()));
        v.put("carrier", dash(s.carrier()));
        v.put("dispatchedAt", time(s.dispatchedAt()));
        v.put("expectedDate", s.expectedDate() == null ? "—" : DAY.format(s.expectedDate()));
        v.put("deliveredAt", time(s.deliveredAt()));
        v.put("deliveredTo", dash(s.deliveredTo()));
        v.put("receivedCount", s.receivedCount() == null ? "—" : s.receivedCount() + " 张");
        v.put("receivedAt", time(s.receivedAt()));
        v.put("receivedOn", s.receivedAt() == null ? "—" : DAY.format(s.receivedAt().atZone(ChinaTime.ZONE)));
        v.put("statusName", s.status().nameZh());
        v.put("countNote", dash(s.countNote()));
        return v;
    }

    private static String time(Instant at) {
        return at == null ? "—" : ChinaTime.minutes(at);
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
