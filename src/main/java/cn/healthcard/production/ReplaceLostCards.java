package cn.healthcard.production;

import java.util.List;

/**
 * A command to production: cards lost or damaged on their way (a shipment's receipt agreed that the sender replaces
 * them, PER-12) are void and their cases need a new card. Published by whoever agreed the replacement (logistics'
 * discrepancy handling); production re-queues each lost card's order for a new production round and records the lost
 * number as void for good. Replaying it changes nothing.
 *
 * @param reference  what agreed the replacement, e.g. the shipment number (kept with each void card)
 * @param regionCode the region the cards were going to (for the audit log)
 * @param cards      the lost cards, each with its case
 */
public record ReplaceLostCards(String reference, String regionCode, List<LostCard> cards) {

    public ReplaceLostCards {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("a replacement request names what agreed it");
        }
        cards = cards == null ? List.of() : List.copyOf(cards);
    }

    /**
     * A lost card.
     *
     * @param reason why it is lost: {@code MISSING} or {@code DAMAGED} (at most 32 characters)
     */
    public record LostCard(String caseId, String cardNo, String reason) {
    }
}
