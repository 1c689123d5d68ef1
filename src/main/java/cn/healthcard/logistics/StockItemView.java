package cn.healthcard.logistics;

import java.time.Instant;

/** An item in stock (its kind: a card or a SAM card) as screens and the API show it. */
public record StockItemView(String cardNo, String batchNo, String boxNo, String deskCode, String placeCode,
                            String placeName, StockStatus status, String shipmentNo, Instant updatedAt, long version,
                            ItemKind itemKind) {
}
