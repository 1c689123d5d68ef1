package cn.healthcard.logistics;

/**
 * An instant card (made at its desk, no shipment) was registered in stock at {@code deskCode}, in the transaction
 * that creates its stock item: it reached its desk. Not audited itself; the statistics count it as issued
 * (decision 040).
 */
public record InstantCardStocked(String cardNo, String deskCode) {
}
