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
}
