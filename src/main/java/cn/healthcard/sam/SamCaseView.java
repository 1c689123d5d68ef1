package cn.healthcard.sam;

import java.time.Instant;

/** A freeze / unfreeze / cancel case. {@code status}: IN_REVIEW, RETURNED, APPROVED, REJECTED, WITHDRAWN. */
public record SamCaseView(String caseNo, String samNo, SamAction action, FreezeReason freezeReason, String reason,
                          boolean urgent, String status, String institutionCode, String regionCode,
                          String requestedBy, Instant requestedAt, String reviewedBy, String reviewComment,
                          Instant closedAt) {
}
