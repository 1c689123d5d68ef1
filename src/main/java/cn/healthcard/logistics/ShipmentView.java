package cn.healthcard.logistics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A shipment with its logistics status (APP-11) and its boxes. */
public record ShipmentView(String shipmentNo, ShipmentKind kind, String batchNo, String senderCode, String senderName,
                           String receiverCode, String receiverName, ShipmentStatus status, int cardCount,
                           String waybillNo, String carrier, LocalDate expectedDate, Instant dispatchedAt,
                           String deliveredTo, Instant deliveredAt, Integer receivedCount, String countNote,
                           String resolution, Instant receivedAt, List<Box> boxes, ItemKind itemKind) {

    /** A shipment of cards. */
    public ShipmentView(String shipmentNo, ShipmentKind kind, String batchNo, String senderCode, String senderName,
                        String receiverCode, String receiverName, ShipmentStatus status, int cardCount,
                        String waybillNo, String carrier, LocalDate expectedDate, Instant dispatchedAt,
                        String deliveredTo, Instant deliveredAt, Integer receivedCount, String countNote,
                        String resolution, Instant receivedAt, List<Box> boxes) {
        this(shipmentNo, kind, batchNo, senderCode, senderName, receiverCode, receiverName, status, cardCount,
                waybillNo, carrier, expectedDate, dispatchedAt, deliveredTo, deliveredAt, receivedCount, countNote,
                resolution, receivedAt, boxes, ItemKind.CARD);
    }

    public ShipmentView {
        boxes = List.copyOf(boxes);
    }

    /** A box: number, seal, card range and count, as found at the count. */
    public record Box(String boxNo, String sealNo, String firstCard, String lastCard, int cardCount,
                      BoxStatus status) {
    }
}
