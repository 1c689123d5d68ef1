package cn.healthcard.logistics;

import java.time.Instant;

/** A card in stock as screens and the API show it. */
public record StockItemView(String cardNo, String batchNo, String boxNo, String deskCode, String placeCode,
                            String placeName, StockStatus status, String shipmentNo, Instant updatedAt, long version) {
}
