package cn.healthcard.logistics;

import cn.healthcard.common.ChinaTime;
import cn.healthcard.common.ConflictException;
import cn.healthcard.report.ReportService;
import cn.healthcard.security.UserDirectory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The signed receipt of a shipment (签收单 / 交接单, BPM-06, SAM-02, SAM-03) as PDF from
 * {@code reports/shipment-receipt.html}, one template for both item kinds ({@link ItemKind}: the title, the kind and
 * the number labels are values): the shipment and its delivery, the boxes with their number ranges, and the
 * warehouse-out and warehouse-in records of the shipment with their responsible unit and person.
 */
@Service
public class ShipmentReceipts {

    public static final String TEMPLATE = "shipment-receipt";
    public static final String NOT_RECEIVED = "SHIPMENT_NOT_RECEIVED";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final ShipmentService shipments;
    private final WarehouseService warehouse;
    private final Places places;
    private final UserDirectory users;
    private final ReportService reports;

    ShipmentReceipts(ShipmentService shipments, WarehouseService warehouse, Places places, UserDirectory users,
                     ReportService reports) {
        this.shipments = shipments;
        this.warehouse = warehouse;
        this.places = places;
        this.users = users;
        this.reports = reports;
    }

    /** The 签收单 of a received shipment the caller may see (404 otherwise; 409 before it is received). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('WAREHOUSE','PRODUCTION','SUPERVISOR','ADMIN')")
    public byte[] receipt(String shipmentNo) {
        ShipmentView s = shipments.get(shipmentNo);
        if (s.status() != ShipmentStatus.RECEIVED) {
            throw new ConflictException(NOT_RECEIVED, "运单 " + shipmentNo + " 尚未签收（" + s.status().nameZh() + "）");
        }
        ItemKind kind = shipments.itemKind(shipmentNo);
        return reports.document(TEMPLATE, values(s, kind, places.label(s.senderCode()),
                places.label(s.receiverCode()), s.deliveredTo() == null ? null : users.displayName(s.deliveredTo())),
                Map.of("boxes", boxes(s), "movements", movements(warehouse.ofShipment(shipmentNo))));
    }

    /**
     * The template's values: the shipment and its item kind, its sender and receiver as 「名称（代码）」, the receiver's
     * printed name.
     */
    static Map<String, String> values(ShipmentView s, ItemKind itemKind, String sender, String receiver,
                                      String deliveredTo) {
        Map<String, String> v = new HashMap<>();
        boolean sam = itemKind == ItemKind.SAM;
        v.put("title", sam ? "居民健康卡SAM卡签收单（交接单）" : "居民健康卡物流签收单");
        v.put("itemKindName", sam ? "SAM卡" : "居民健康卡");
        v.put("batchLabel", sam ? "SAM批次号" : "批次号");
        v.put("numberLabel", sam ? "SAM卡号" : "卡号");
        v.put("statusName", s.status().nameZh());
        v.put("shipmentNo", s.shipmentNo());
        v.put("kindName", s.kind().nameZh());
        v.put("sender", sender);
        v.put("receiver", receiver);
        v.put("receiverName", s.receiverName());
        v.put("batchNo", dash(s.batchNo()));
        v.put("cardCount", s.cardCount() + " 张");
        v.put("waybillNo", dash(s.waybillNo()));
        v.put("carrier", dash(s.carrier()));
        v.put("dispatchedAt", time(s.dispatchedAt()));
        v.put("expectedDate", s.expectedDate() == null ? "—" : DAY.format(s.expectedDate()));
        v.put("deliveredAt", time(s.deliveredAt()));
        v.put("deliveredTo", dash(deliveredTo));
        v.put("receivedCount", s.receivedCount() == null ? "—" : s.receivedCount() + " 张");
        v.put("receivedAt", time(s.receivedAt()));
        v.put("receivedOn", s.receivedAt() == null ? "—" : DAY.format(s.receivedAt().atZone(ChinaTime.ZONE)));
        v.put("countNote", dash(s.countNote()));
        v.put("resolution", dash(s.resolution()));
        return v;
    }

    static List<Map<String, String>> boxes(ShipmentView s) {
        return s.boxes().stream().map(b -> Map.of("boxNo", b.boxNo(), "sealNo", dash(b.sealNo()),
                "firstCard", b.firstCard(), "lastCard", b.lastCard(), "cardCount", String.valueOf(b.cardCount()),
                "statusName", b.status().nameZh())).toList();
    }

    static List<Map<String, String>> movements(List<MovementView> movements) {
        return movements.stream().map(m -> Map.of("movementNo", m.movementNo(),
                "direction", "IN".equals(m.direction()) ? "入库" : "出库", "quantity", m.quantity() + " 张",
                "ranges", m.cardRanges(), "unit", m.responsibleUnit(), "person", m.responsiblePerson(),
                "at", time(m.createdAt()))).toList();
    }

    private static String time(Instant at) {
        return at == null ? "—" : ChinaTime.minutes(at);
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
