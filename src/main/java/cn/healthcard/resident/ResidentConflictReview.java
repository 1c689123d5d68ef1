package cn.healthcard.resident;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What the reviewer of the record's centre compares (SEC-02: plaintext for the person deciding; the read is audited,
 * SEC-03): the record's current identity data next to the filed ones.
 */
public record ResidentConflictReview(String caseNo, String documentNumberMasked, String filerRegionCode,
                                     String createdBy, Instant createdAt, String reason,
                                     Identity current, Identity filed) {

    /** The identity fields the conflict is about. */
    public record Identity(String name, String sex, String ethnicity, LocalDate birthDate) {
        @Override
        public String toString() {
            return "Identity[personal data hidden]";
        }
    }

    @Override
    public String toString() {
        return "ResidentConflictReview[" + caseNo + ", personal data hidden]";
    }
}
