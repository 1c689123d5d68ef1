package cn.healthcard.logistics;

import java.util.List;

/**
 * Items of a shipment were signed for and booked into stock at {@code placeCode} (the receipt's warehouse-in), in the
 * transaction that books them; {@code itemNos} are the items now in stock there (damaged and missing ones are not).
 * Not audited itself ({@code ShipmentReceived} is); other modules follow their own kind of item with it.
 */
public record ItemsReceived(ItemKind kind, String shipmentNo, String placeCode, List<String> itemNos) {

    public ItemsReceived {
        itemNos = List.copyOf(itemNos);
    }
}
