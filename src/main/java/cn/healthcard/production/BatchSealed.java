package cn.healthcard.production;

import java.util.List;

/**
 * The maker floor has counted, signed off and sealed a batch's good cards into numbered boxes (PER-11); the boxes are
 * ready to ship to {@code centreCode}. The production module completes each card's case on it
 * ({@link CardProductionCompleted}); logistics creates the shipment and the stock items.
 */
public record BatchSealed(String batchNo, String makerCode, String centreCode, List<SealedBox> boxes) {

    public BatchSealed {
        boxes = List.copyOf(boxes);
    }

    /** One sealed box: its number, the seal's number and the card numbers inside, ascending. */
    public record SealedBox(String boxNo, String sealNo, List<String> cardNos) {
        public SealedBox {
            cardNos = List.copyOf(cardNos);
        }
    }

    public int cardCount() {
        return boxes.stream().mapToInt(b -> b.cardNos().size()).sum();
    }
}
