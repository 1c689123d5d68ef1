package cn.healthcard.resident;

import java.time.Instant;
import java.util.List;

/**
 * A resident-data conflict case as its filer and the record's centre see it: masked identity only (SEC-02); the
 * plaintext comparison is {@link ResidentConflictReview}, for the reviewer.
 */
public record ResidentConflictView(String caseNo, ResidentConflictStatus status, String residentNameMasked,
                                   String documentNumberMasked, String regionCode, String filerRegionCode,
                                   List<String> currentSteps, String reviewComment, String createdBy,
                                   Instant createdAt, Instant updatedAt) {
}
