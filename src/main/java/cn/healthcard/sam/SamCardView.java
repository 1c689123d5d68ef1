package cn.healthcard.sam;

import java.time.Instant;

/** A SAM card as the register shows it. */
public record SamCardView(String samNo, String makerCode, String batchNo, String orderingCentreCode,
                          String placeCode, String placeRegion, SamState state, SamStatus status,
                          String institutionCode, TerminalType terminalType, String terminalNo, Instant updatedAt,
                          long version) {
}
