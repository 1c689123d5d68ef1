package cn.healthcard.production;

import cn.healthcard.common.AuditableEvent;

/** Audited events of card production on the issuer's side (orders, plans, batches, results, errors). */
public final class ProductionEvents {

    private ProductionEvents() {
    }

    /** A production order was created for a case, by route. */
    public record ProductionOrdered(String caseId, String regionCode, String reference, String route, String deskCode)
            implements AuditableEvent {
        public String subjectType() {
            return "ProductionOrder";
        }

        public String subjectId() {
            return caseId;
        }

        public String detail() {
            return "route=" + route + " desk=" + deskCode + " ref=" + reference;
        }
    }

    /** The wait for a case's card passed its deadline: an incident is raised for the admins. */
    public record ProductionResultOverdue(String caseId, String regionCode, String deadline) implements AuditableEvent {
        public String subjectType() {
            return "ProductionOrder";
        }

        public String subjectId() {
            return caseId;
        }

        public String detail() {
            return "no card after " + deadline;
        }
    }

    /** A supervisor generated a draft production plan. */
    public record ProductionPlanGenerated(String planNo, String regionCode, int cardCount) implements AuditableEvent {
        public String subjectType() {
            return "ProductionPlan";
        }

        public String subjectId() {
            return planNo;
        }

        public String detail() {
            return "cards=" + cardCount;
        }
    }

    /** A supervisor submitted a production plan: its batches are released. */
    public record ProductionPlanSubmitted(String planNo, String regionCode, int cardCount) implements AuditableEvent {
        public String subjectType() {
            return "ProductionPlan";
        }

        public String subjectId() {
            return planNo;
        }

        public String detail() {
            return "cards=" + cardCount;
        }
    }

    /** A draft plan was dropped; its orders are queued again. */
    public record ProductionPlanDiscarded(String planNo, String regionCode) implements AuditableEvent {
        public String subjectType() {
            return "ProductionPlan";
        }

        public String subjectId() {
            return planNo;
        }

        public String detail() {
            return "discarded";
        }
    }

    /** A batch of a submitted plan was released: its data file is in the maker's outbox. */
    public record ProductionBatchReleased(String batchNo, String regionCode, String planNo, String makerCode, int cardCount, String dataFileName) implements AuditableEvent {
        public String subjectType() {
            return "ProductionBatch";
        }

        public String subjectId() {
            return batchNo;
        }

        public String detail() {
            return "plan=" + planNo + " maker=" + makerCode + " cards=" + cardCount + " file=" + dataFileName;
        }
    }

    /** The maker received a batch: file verified, unwrapped and moved inside (PER-02). */
    public record ProductionBatchReceived(String batchNo, String regionCode, String makerCode, int cardCount) implements AuditableEvent {
        public String subjectType() {
            return "ProductionBatch";
        }

        public String subjectId() {
            return batchNo;
        }

        public String detail() {
            return "maker=" + makerCode + " cards=" + cardCount;
        }
    }

    /** The data file was deleted from the maker's receiving device after receipt (PER-02). */
    public record ProductionDataFileDeleted(String fileName, String regionCode, String batchNo, String makerCode, String deletedBy) implements AuditableEvent {
        public String subjectType() {
            return "ProductionDataFile";
        }

        public String subjectId() {
            return fileName;
        }

        public String detail() {
            return "batch=" + batchNo + " maker=" + makerCode + " deleted from the receiving device by " + deletedBy;
        }
    }

    /** Every card of a batch has an applied answer from the maker. */
    public record ProductionResultsApplied(String batchNo, String regionCode, int produced, int failed, int destroyed) implements AuditableEvent {
        public String subjectType() {
            return "ProductionBatch";
        }

        public String subjectId() {
            return batchNo;
        }

        public String detail() {
            return "produced=" + produced + " failed=" + failed + " destroyed=" + destroyed;
        }
    }

    /** An error record per card for the issuer (PER-04). */
    public record ProductionErrorReported(String caseId, String regionCode, String batchNo, String field, String kind) implements AuditableEvent {
        public String subjectType() {
            return "ProductionOrder";
        }

        public String subjectId() {
            return caseId;
        }

        public String detail() {
            return "batch=" + batchNo + " kind=" + kind + (field == null ? "" : " field=" + field);
        }
    }

    /** A produced card was scrapped on the floor; its case is queued again (PER-08, PER-04). */
    public record ProductionCardScrapped(String cardNo, String regionCode, String batchNo, String caseId, String reason) implements AuditableEvent {
        public String subjectType() {
            return "ProductionBatch";
        }

        public String subjectId() {
            return batchNo;
        }

        public String detail() {
            return "card=" + cardNo + " case=" + caseId + " reason=" + reason;
        }
    }

    /** The issuer corrected and resent a case: its order is queued for a later plan (PER-04). */
    public record ProductionResent(String caseId, String regionCode, String resentBy) implements AuditableEvent {
        public String subjectType() {
            return "ProductionOrder";
        }

        public String subjectId() {
            return caseId;
        }

        public String detail() {
            return "resent by " + resentBy;
        }
    }

    /**
     * A RELEASED batch got a new sealed data file (the maker refused the old one or could not find it): the old file is
     * superseded and leaves the outbox (PER-02).
     */
    public record ProductionBatchReissued(String batchNo, String regionCode, String makerCode, String supersededFile,
                                          String dataFileName, int fileSeq, String by) implements AuditableEvent {
        public String subjectType() {
            return "ProductionBatch";
        }

        public String subjectId() {
            return batchNo;
        }

        public String detail() {
            return "maker=" + makerCode + " file=" + dataFileName + " seq=" + fileSeq + " supersedes=" + supersededFile
                    + " by=" + by;
        }
    }

    /**
     * A card lost or damaged in transit is void for good; its case's order was queued again for a new card
     * ({@code requeued}) unless it had moved on.
     */
    public record ProductionCardVoided(String cardNo, String regionCode, String caseId, String batchNo, String reason,
                                       String reference, boolean requeued) implements AuditableEvent {
        /** The reason of a request that voided nothing (not the case's finished card). */
        public static final String REFUSED = "REFUSED";

        public String subjectType() {
            return "Card";
        }

        public String subjectId() {
            return cardNo;
        }

        @Override
        public String caseRef() {
            return caseId;
        }

        public String detail() {
            return "reason=" + reason + " ref=" + reference + " batch=" + batchNo + (requeued ? " requeued" : "");
        }
    }
}
