package cn.healthcard.logistics;

import java.time.Instant;

/** A warehouse-in or -out (APP-09): quantity, batch, card number ranges, responsible unit and person. */
public record MovementView(String movementNo, String direction, String institutionCode, String shipmentNo,
                           String batchNo, int quantity, String cardRanges, String responsibleUnit,
                           String responsiblePerson, Instant createdAt, ItemKind itemKind) {
}
