package cn.healthcard.resident;

import cn.healthcard.common.AuditableEvent;

/** Audited steps of the resident-data conflict case (SEC-03); details never carry personal data in plaintext. */
public final class ResidentConflictEvents {

    private ResidentConflictEvents() {
    }

    /** Common shape: the subject is the case, which concerns one resident. */
    public interface ConflictEvent extends AuditableEvent {
        String caseNo();

        @Override
        default String subjectType() {
            return "ResidentConflict";
        }

        @Override
        default String subjectId() {
            return caseNo();
        }

        @Override
        default String caseRef() {
            return caseNo();
        }
    }

    /** A centre of another region filed its identity data for the record (region = the record's). */
    public record ResidentConflictFiled(String caseNo, String regionCode, String residentId, String filerRegionCode)
            implements ConflictEvent {
        public String detail() {
            return "filed by region " + filerRegionCode;
        }
    }

    /** {@code decision} is the review's code, APPROVE or REJECT ({@link cn.healthcard.workflow.Review}). */
    public record ResidentConflictReviewed(String caseNo, String regionCode, String residentId, String decision,
                                           String comment) implements ConflictEvent {
        public String detail() {
            return decision + (comment == null ? "" : ": " + comment);
        }
    }

    /** The record's identity data were corrected to the filed ones. */
    public record ResidentDataCorrected(String caseNo, String regionCode, String residentId) implements ConflictEvent {
        public String detail() {
            return "identity data (name, sex, ethnicity, birth date) corrected";
        }
    }

    /** The case ended without a change: rejected by the reviewer or refused by the system check. */
    public record ResidentConflictRejected(String caseNo, String regionCode, String residentId, String reason)
            implements ConflictEvent {
        public String detail() {
            return reason;
        }
    }
}
