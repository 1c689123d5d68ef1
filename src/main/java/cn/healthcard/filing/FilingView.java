package cn.healthcard.filing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A product filing with its manufacturer, validity, current process steps and attachments; {@code version} is what a
 * modification names (optimistic locking: a stale one is 409).
 */
public record FilingView(String id, String caseNo, String filingNo, String manufacturerId, String manufacturerName,
                         ProductType productType, String model, String productVersion, String description,
                         FilingChannel channel, FilingStatus status, LocalDate validFrom, LocalDate validUntil,
                         Instant remindedAt, String reviewComment, String revokeReason, List<String> currentSteps,
                         List<AttachmentView> attachments, String createdBy, Instant createdAt, Instant updatedAt,
                         long version) {
}
