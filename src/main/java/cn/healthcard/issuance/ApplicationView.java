package cn.healthcard.issuance;

import cn.healthcard.resident.ResidentSummary;

import java.time.Instant;
import java.util.List;

/** A card application as shown to its handlers and API clients: masked resident, status, current step. */
public record ApplicationView(String applicationId, ApplicationStatus status, List<String> currentSteps,
                              boolean incident, ResidentSummary resident, String institutionCode, String regionCode,
                              String cardNo, String reviewComment, String createdBy, Instant createdAt,
                              Instant updatedAt) {
}
