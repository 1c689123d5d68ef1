package cn.healthcard.samsupply;

import java.time.Instant;

/** A SAM application as screens and the API show it. */
public record SamApplicationView(String applicationNo, String regionCode, String centreCode, String institutionCode,
                                 String institutionName, SamTerminalType terminalType, int quantity, String reason,
                                 SamApplicationStatus status, String reviewComment, String reviewedBy,
                                 String reportNo, String planNo, int madeCount, int failedCount, String createdBy,
                                 Instant createdAt) {
}
