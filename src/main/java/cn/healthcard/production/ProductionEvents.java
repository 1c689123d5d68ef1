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
}
