package cn.healthcard.sam;

import java.util.List;

/**
 * SAM cards have been signed for at {@code placeCode} (the institution code of a centre's warehouse or of the medical
 * institution that will use them) on shipment {@code shipmentNo}. The SAM register moves each number there.
 * Published by the SAM supply chain in the transaction that books the receipt.
 */
public record SamCardsArrived(String shipmentNo, String placeCode, List<String> samNumbers) {

    public SamCardsArrived {
        samNumbers = List.copyOf(samNumbers);
    }
}
