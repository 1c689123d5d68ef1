package cn.healthcard.ehc;

import java.time.Instant;

/** A registered reader or institution terminal (EHC-05), in the region of its institution. */
public record TerminalView(String terminalId, String institutionCode, String regionCode, String description,
                           String terminalModel, String terminalFilingNo, String terminalManufacturer,
                           TerminalState state, Instant registeredAt, String registeredBy) {
}
