package cn.healthcard.logistics;

import java.time.Instant;

/**
 * A shipment of one kind of item as statistics read it (issued, signed for, not signed for): who sent it to whom,
 * how many items, how many were counted in at the receipt, when it was created and received.
 */
public record ItemShipment(String shipmentNo, ItemKind itemKind, ShipmentKind kind, String senderCode,
                           String receiverCode, String receiverRegion, ShipmentStatus status, int count,
                           Integer receivedCount, Instant createdAt, Instant receivedAt) {
}
