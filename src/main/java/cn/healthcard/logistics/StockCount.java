package cn.healthcard.logistics;

/** Stock per place and status (APP-09). */
public record StockCount(String placeCode, String placeName, StockStatus status, long cards) {
}
